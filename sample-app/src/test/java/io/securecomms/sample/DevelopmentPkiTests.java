package io.securecomms.sample;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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

	private static X509Certificate certificate(DevelopmentPki pki, String name) throws Exception {
		try (InputStream in = Files.newInputStream(pki.file(name))) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

}
