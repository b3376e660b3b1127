package io.securecomms.sample;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DevelopmentPkiTests {

	@TempDir
	Path dir;

	@Test
	void generatesAChainForLocalhostAndAClientIdentity() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(this.dir);

		assertThat(pki.ensure()).isTrue();

		X509Certificate ca = certificate(pki, DevelopmentPki.CA_CERTIFICATE);
		X509Certificate server = certificate(pki, DevelopmentPki.SERVER_CERTIFICATE);
		X509Certificate client = certificate(pki, DevelopmentPki.CLIENT_CERTIFICATE);
		ca.verify(ca.getPublicKey());
		server.verify(ca.getPublicKey());
		client.verify(ca.getPublicKey());
		assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
		assertThat(ca.getSigAlgName()).isEqualTo("SHA256withECDSA");
		assertThat(server.getSubjectAlternativeNames().stream().map((name) -> String.valueOf(name.get(1))))
			.containsExactly("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
		assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
		assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=sample-client");
		assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
		assertThat(Duration.between(Instant.now(), server.getNotAfter().toInstant())).isBetween(Duration.ofDays(364),
				Duration.ofDays(366));

		KeyStore p12 = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(pki.file(DevelopmentPki.CLIENT_PKCS12))) {
			p12.load(in, DevelopmentPki.CLIENT_PKCS12_PASSWORD.toCharArray());
		}
		assertThat(p12.getCertificateChain("sample-client")).containsExactly(client, ca);
	}

	@Test
	void privateKeysAreReadableByTheOwnerOnly() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(this.dir);
		pki.ensure();

		for (String key : List.of(DevelopmentPki.CA_KEY, DevelopmentPki.SERVER_KEY, DevelopmentPki.CLIENT_KEY,
				DevelopmentPki.CLIENT_PKCS12)) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pki.file(key)))).as(key)
				.isEqualTo("rw-------");
			if (key.endsWith(".key")) {
				assertThat(Files.readString(pki.file(key))).startsWith("-----BEGIN PRIVATE KEY-----");
			}
		}
	}

	@Test
	void reusesAValidPki() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(this.dir);
		pki.ensure();
		byte[] server = Files.readAllBytes(pki.file(DevelopmentPki.SERVER_CERTIFICATE));

		assertThat(pki.ensure()).isFalse();
		assertThat(Files.readAllBytes(pki.file(DevelopmentPki.SERVER_CERTIFICATE))).isEqualTo(server);
	}

	@Test
	void regeneratesWhenAFileIsMissing() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(this.dir);
		pki.ensure();
		Files.delete(pki.file(DevelopmentPki.CLIENT_PKCS12));

		assertThat(pki.ensure()).isTrue();
		assertThat(pki.file(DevelopmentPki.CLIENT_PKCS12)).isRegularFile();
	}

	@Test
	void regeneratesWhenTheServerCertificateExpiresWithinFourteenDays() throws Exception {
		Clock yearAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(365 - 13)), ZoneOffset.UTC);
		new DevelopmentPki(this.dir, yearAgo).ensure();
		DevelopmentPki pki = new DevelopmentPki(this.dir);
		X509Certificate old = certificate(pki, DevelopmentPki.SERVER_CERTIFICATE);

		assertThat(pki.ensure()).isTrue();
		assertThat(certificate(pki, DevelopmentPki.SERVER_CERTIFICATE).getNotAfter()).isAfter(old.getNotAfter());
	}

	@Test
	void everyIssuedCertificateNamesTheResponderAndTheCrl() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(this.dir, DevelopmentPki.RevocationUrls.onLoopback(18446, 18447));
		pki.ensure();

		for (X509Certificate issued : pki.issuedCertificates()) {
			assertThat(ocspUrls(issued)).as(issued.getSubjectX500Principal().getName())
				.containsExactly("http://127.0.0.1:18446/");
			assertThat(crlUrls(issued)).as(issued.getSubjectX500Principal().getName())
				.containsExactly("http://127.0.0.1:18447/ca.crl");
		}
	}

	@Test
	void theServerAndPartnerFilesHoldTheChainSoThatTheServersCanStaple() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(this.dir);
		pki.ensure();
		X509Certificate ca = certificate(pki, DevelopmentPki.CA_CERTIFICATE);

		for (String name : List.of(DevelopmentPki.SERVER_CERTIFICATE, DevelopmentPki.PARTNER_CERTIFICATE)) {
			try (InputStream in = Files.newInputStream(pki.file(name))) {
				List<? extends java.security.cert.Certificate> chain = List
					.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
				assertThat(chain).as(name).hasSize(2).last().isEqualTo(ca);
			}
		}
	}

	@Test
	void regeneratesWhenTheRevocationPortsChange() throws Exception {
		new DevelopmentPki(this.dir, DevelopmentPki.RevocationUrls.onLoopback(18446, 18447)).ensure();
		DevelopmentPki moved = new DevelopmentPki(this.dir, DevelopmentPki.RevocationUrls.onLoopback(18446, 18448));

		assertThat(moved.ensure()).isTrue();
		assertThat(crlUrls(certificate(moved, DevelopmentPki.SERVER_CERTIFICATE)))
			.containsExactly("http://127.0.0.1:18448/ca.crl");
		assertThat(moved.ensure()).isFalse();
	}

	/**
	 * The JDK's own PKIX revocation checker (OCSP only, no CRL fallback) accepts the
	 * responder's signed answers: good for what the CA issued, revoked once revoked.
	 */
	@Test
	void theJdkAcceptsTheRespondersAnswers() throws Exception {
		int[] ports = freePorts();
		DevelopmentPki pki = new DevelopmentPki(this.dir, DevelopmentPki.RevocationUrls.onLoopback(ports[0], ports[1]));
		pki.ensure();
		try (DevelopmentRevocation revocation = new DevelopmentRevocation(pki, ports[0], ports[1])) {
			X509Certificate ca = pki.caCertificate();
			X509Certificate server = certificate(pki, DevelopmentPki.SERVER_CERTIFICATE);
			X509Certificate partner = certificate(pki, DevelopmentPki.PARTNER_CERTIFICATE);

			validateWithOcspOnly(server, ca);
			validateWithOcspOnly(partner, ca);
			revocation.revoke(partner);

			assertThatExceptionOfType(CertPathValidatorException.class)
				.isThrownBy(() -> validateWithOcspOnly(partner, ca))
				.satisfies(
						(ex) -> assertThat(ex.getReason()).isEqualTo(CertPathValidatorException.BasicReason.REVOKED));
			validateWithOcspOnly(server, ca);
			assertThat(revocation.ocspRequests()).isGreaterThanOrEqualTo(4);
		}
	}

	@Test
	void theCrlIsSignedByTheCaAndListsWhatWasRevoked() throws Exception {
		int[] ports = freePorts();
		DevelopmentPki pki = new DevelopmentPki(this.dir, DevelopmentPki.RevocationUrls.onLoopback(ports[0], ports[1]));
		pki.ensure();
		try (DevelopmentRevocation revocation = new DevelopmentRevocation(pki, ports[0], ports[1])) {
			X509Certificate ca = pki.caCertificate();
			X509Certificate partner = certificate(pki, DevelopmentPki.PARTNER_CERTIFICATE);
			String url = crlUrls(partner).get(0);
			assertThat(url).isEqualTo(revocation.crlUrl());

			X509CRL before = fetchCrl(url);
			before.verify(ca.getPublicKey());
			assertThat(before.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
			assertThat(before.getNextUpdate()).isAfter(new Date());
			assertThat(before.isRevoked(partner)).isFalse();

			revocation.revoke(partner);

			X509CRL after = fetchCrl(url);
			after.verify(ca.getPublicKey());
			assertThat(after.isRevoked(partner)).isTrue();
			assertThat(after.isRevoked(certificate(pki, DevelopmentPki.SERVER_CERTIFICATE))).isFalse();
		}
	}

	private static void validateWithOcspOnly(X509Certificate leaf, X509Certificate ca) throws Exception {
		CertPathValidator validator = CertPathValidator.getInstance("PKIX");
		PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
		checker.setOptions(
				EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
		parameters.addCertPathChecker(checker);
		validator.validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
	}

	private static X509CRL fetchCrl(String url) throws Exception {
		HttpResponse<InputStream> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofInputStream());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pkix-crl");
		try (InputStream in = response.body()) {
			return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
		}
	}

	private static int[] freePorts() throws Exception {
		try (ServerSocket one = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
				ServerSocket two = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return new int[] { one.getLocalPort(), two.getLocalPort() };
		}
	}

	private static List<String> ocspUrls(X509Certificate certificate) {
		AuthorityInformationAccess access = AuthorityInformationAccess
			.getInstance(extension(certificate, Extension.authorityInfoAccess.getId()));
		return java.util.Arrays.stream(access.getAccessDescriptions())
			.map((description) -> description.getAccessLocation().getName().toString())
			.toList();
	}

	private static List<String> crlUrls(X509Certificate certificate) {
		CRLDistPoint points = CRLDistPoint.getInstance(extension(certificate, Extension.cRLDistributionPoints.getId()));
		return java.util.Arrays.stream(points.getDistributionPoints())
			.flatMap((point) -> java.util.Arrays
				.stream(GeneralNames.getInstance(point.getDistributionPoint().getName()).getNames()))
			.filter((name) -> name.getTagNo() == GeneralName.uniformResourceIdentifier)
			.map((name) -> name.getName().toString())
			.toList();
	}

	private static byte[] extension(X509Certificate certificate, String oid) {
		byte[] value = certificate.getExtensionValue(oid);
		assertThat(value).as(oid).isNotNull();
		return ASN1OctetString.getInstance(value).getOctets();
	}

	private static X509Certificate certificate(DevelopmentPki pki, String name) throws Exception {
		try (InputStream in = Files.newInputStream(pki.file(name))) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

}
