package io.securecomms.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A development PKI in one directory: a CA, a server certificate for {@code localhost},
 * {@code 127.0.0.1} and {@code ::1}, and a client certificate, all EC P-256 with SHA-256
 * signatures, as PEM files (plus the client's identity as {@code client.p12} for curl and
 * browsers). Every certificate the CA issues names where its revocation status is
 * published: an OCSP responder (authority information access) and a CRL distribution
 * point, both on loopback, served by {@link DevelopmentRevocation}. The server and
 * partner certificate files hold the chain (leaf, then the CA), because a server can only
 * staple an OCSP response when it has the issuer at hand. For development only, never for
 * production.
 */
final class DevelopmentPki {

	static final String CA_CERTIFICATE = "ca.crt";

	static final String CA_KEY = "ca.key";

	static final String SERVER_CERTIFICATE = "server.crt";

	static final String SERVER_KEY = "server.key";

	static final String CLIENT_CERTIFICATE = "client.crt";

	static final String CLIENT_KEY = "client.key";

	static final String CLIENT_PKCS12 = "client.p12";

	static final String CLIENT_PKCS12_PASSWORD = "changeit";

	/**
	 * A client certificate of the same CA that the management port's allow-list does not
	 * name: valid, trusted, and refused there.
	 */
	static final String UNLISTED_CLIENT_CERTIFICATE = "unlisted-client.crt";

	static final String UNLISTED_CLIENT_KEY = "unlisted-client.key";

	/**
	 * The "partner" backend's server certificate: a system the application calls with
	 * mutual TLS.
	 */
	static final String PARTNER_CERTIFICATE = "partner.crt";

	static final String PARTNER_KEY = "partner.key";

	/**
	 * A server certificate that expires sooner than this is replaced, together with the
	 * whole PKI.
	 */
	static final Duration RENEW_BEFORE = Duration.ofDays(14);

	/** The OCSP responder's port unless {@code sample.ocsp.port} says otherwise. */
	static final int DEFAULT_OCSP_PORT = 8446;

	/** The CRL endpoint's port unless {@code sample.crl.port} says otherwise. */
	static final int DEFAULT_CRL_PORT = 8447;

	/** Where the CRL endpoint serves the CA's CRL. */
	static final String CRL_PATH = "/ca.crl";

	private static final List<String> FILES = List.of(CA_CERTIFICATE, CA_KEY, SERVER_CERTIFICATE, SERVER_KEY,
			CLIENT_CERTIFICATE, CLIENT_KEY, CLIENT_PKCS12, UNLISTED_CLIENT_CERTIFICATE, UNLISTED_CLIENT_KEY,
			PARTNER_CERTIFICATE, PARTNER_KEY);

	private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

	private final Path dir;

	private final Clock clock;

	private final RevocationUrls revocationUrls;

	private final SecureRandom random = new SecureRandom();

	DevelopmentPki(Path dir) {
		this(dir, Clock.systemUTC());
	}

	DevelopmentPki(Path dir, Clock clock) {
		this(dir, clock, RevocationUrls.onLoopback(DEFAULT_OCSP_PORT, DEFAULT_CRL_PORT));
	}

	DevelopmentPki(Path dir, RevocationUrls revocationUrls) {
		this(dir, Clock.systemUTC(), revocationUrls);
	}

	DevelopmentPki(Path dir, Clock clock, RevocationUrls revocationUrls) {
		this.dir = dir.toAbsolutePath().normalize();
		this.clock = clock;
		this.revocationUrls = revocationUrls;
	}

	RevocationUrls revocationUrls() {
		return this.revocationUrls;
	}

	Path dir() {
		return this.dir;
	}

	Path file(String name) {
		return this.dir.resolve(name);
	}

	/**
	 * Generates the PKI unless every file is there and the server certificate is good for
	 * {@link #RENEW_BEFORE} more and names this PKI's OCSP responder and CRL distribution
	 * point (a PKI made for other ports is made anew). Holds a file lock meanwhile, so
	 * that applications started together share one PKI.
	 * @return whether the PKI was (re)generated
	 */
	boolean ensure() throws IOException, GeneralSecurityException {
		Files.createDirectories(this.dir);
		try (FileChannel channel = FileChannel.open(file(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock lock = channel.lock()) {
			if (isUsable()) {
				return false;
			}
			generate();
			return true;
		}
	}

	boolean isUsable() {
		if (!FILES.stream().map(this::file).allMatch(Files::isRegularFile)) {
			return false;
		}
		try (InputStream in = Files.newInputStream(file(SERVER_CERTIFICATE))) {
			X509Certificate server = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
			return server.getNotAfter().toInstant().isAfter(this.clock.instant().plus(RENEW_BEFORE))
					&& Arrays.equals(server.getExtensionValue(Extension.authorityInfoAccess.getId()),
							extensionValue(authorityInformationAccess()))
					&& Arrays.equals(server.getExtensionValue(Extension.cRLDistributionPoints.getId()),
							extensionValue(crlDistributionPoints()));
		}
		catch (IOException | GeneralSecurityException ex) {
			return false;
		}
	}

	void generate() throws IOException, GeneralSecurityException {
		KeyPair caKeys = newKeyPair();
		X509Certificate ca = selfSignedCa(caKeys);
		KeyPair serverKeys = newKeyPair();
		X509Certificate server = leaf(new X500Name("CN=localhost"), serverKeys.getPublic(), ca, caKeys,
				KeyPurposeId.id_kp_serverAuth, localhostNames());
		KeyPair partnerKeys = newKeyPair();
		X509Certificate partner = leaf(new X500Name("CN=partner.localhost"), partnerKeys.getPublic(), ca, caKeys,
				KeyPurposeId.id_kp_serverAuth, localhostNames());
		KeyPair clientKeys = newKeyPair();
		X509Certificate client = leaf(new X500Name("CN=sample-client"), clientKeys.getPublic(), ca, caKeys,
				KeyPurposeId.id_kp_clientAuth, null);
		KeyPair unlistedKeys = newKeyPair();
		X509Certificate unlisted = leaf(new X500Name("CN=sample-unlisted-client"), unlistedKeys.getPublic(), ca, caKeys,
				KeyPurposeId.id_kp_clientAuth, null);

		writeCertificate(CA_CERTIFICATE, ca);
		writePrivateKey(CA_KEY, caKeys);
		writeCertificate(SERVER_CERTIFICATE, server, ca);
		writePrivateKey(SERVER_KEY, serverKeys);
		writeCertificate(CLIENT_CERTIFICATE, client);
		writePrivateKey(CLIENT_KEY, clientKeys);
		writeClientPkcs12(clientKeys, client, ca);
		writeCertificate(UNLISTED_CLIENT_CERTIFICATE, unlisted);
		writePrivateKey(UNLISTED_CLIENT_KEY, unlistedKeys);
		writeCertificate(PARTNER_CERTIFICATE, partner, ca);
		writePrivateKey(PARTNER_KEY, partnerKeys);
	}

	/** The CA's certificate, as written. */
	X509Certificate caCertificate() throws IOException, GeneralSecurityException {
		return readCertificate(CA_CERTIFICATE);
	}

	/** The CA's private key, as written: it signs OCSP responses and CRLs. */
	PrivateKey caKey() throws IOException {
		try (PEMParser parser = new PEMParser(Files.newBufferedReader(file(CA_KEY), StandardCharsets.US_ASCII))) {
			return new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(parser.readObject()));
		}
	}

	/**
	 * The certificates the CA issued (server, partner, the two clients), each the first
	 * of its file: those are the ones whose status the responder knows.
	 */
	List<X509Certificate> issuedCertificates() throws IOException, GeneralSecurityException {
		List<X509Certificate> issued = new ArrayList<>();
		for (String name : List.of(SERVER_CERTIFICATE, PARTNER_CERTIFICATE, CLIENT_CERTIFICATE,
				UNLISTED_CLIENT_CERTIFICATE)) {
			issued.add(readCertificate(name));
		}
		return issued;
	}

	private X509Certificate readCertificate(String name) throws IOException, GeneralSecurityException {
		try (InputStream in = Files.newInputStream(file(name))) {
			return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
		}
	}

	/**
	 * A self-signed certificate for localhost that no one trusts: the impostor backend
	 * presents it, so that a refused handshake can be watched. Generated on every start,
	 * never written.
	 */
	KeyStore impostorKeyStore(char[] password) throws IOException, GeneralSecurityException {
		KeyPair keys = newKeyPair();
		X500Name name = new X500Name("CN=impostor.localhost,O=nobody you trust");
		X509Certificate certificate = sign(builder(name, name, keys.getPublic(), Duration.ofDays(30))
			.addExtension(Extension.subjectAlternativeName, false, localhostNames()), keys);
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("impostor", keys.getPrivate(), password, new Certificate[] { certificate });
		return store;
	}

	private static GeneralNames localhostNames() {
		return new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
				new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.iPAddress, "::1") });
	}

	private KeyPair newKeyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"), this.random);
		return generator.generateKeyPair();
	}

	private X509Certificate selfSignedCa(KeyPair keys) throws IOException, GeneralSecurityException {
		X500Name name = new X500Name("CN=secure-comms sample development CA,O=secure-comms (development only)");
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		X509v3CertificateBuilder builder = builder(name, name, keys.getPublic(), Duration.ofDays(3650))
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
			.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(keys.getPublic()));
		return sign(builder, keys);
	}

	private X509Certificate leaf(X500Name subject, PublicKey key, X509Certificate ca, KeyPair caKeys,
			KeyPurposeId purpose, GeneralNames subjectAltNames) throws IOException, GeneralSecurityException {
		JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
		X509v3CertificateBuilder builder = builder(X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()),
				subject, key, Duration.ofDays(365))
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
			.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose))
			.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(key))
			.addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(ca))
			.addExtension(Extension.authorityInfoAccess, false, authorityInformationAccess())
			.addExtension(Extension.cRLDistributionPoints, false, crlDistributionPoints());
		if (subjectAltNames != null) {
			builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames);
		}
		return sign(builder, caKeys);
	}

	private AuthorityInformationAccess authorityInformationAccess() {
		return new AuthorityInformationAccess(AccessDescription.id_ad_ocsp,
				new GeneralName(GeneralName.uniformResourceIdentifier, this.revocationUrls.ocsp()));
	}

	private CRLDistPoint crlDistributionPoints() {
		GeneralNames where = new GeneralNames(
				new GeneralName(GeneralName.uniformResourceIdentifier, this.revocationUrls.crl()));
		return new CRLDistPoint(
				new DistributionPoint[] { new DistributionPoint(new DistributionPointName(where), null, null) });
	}

	/**
	 * An extension's value as {@link X509Certificate#getExtensionValue} returns it: the
	 * DER of the OCTET STRING that wraps it.
	 */
	private static byte[] extensionValue(ASN1Encodable extension) throws IOException {
		return new DEROctetString(extension).getEncoded();
	}

	private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Duration validity) {
		Instant now = this.clock.instant();
		return new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, this.random).add(BigInteger.ONE),
				Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject, key);
	}

	private X509Certificate sign(X509v3CertificateBuilder builder, KeyPair signer) throws GeneralSecurityException {
		try {
			return new JcaX509CertificateConverter().getCertificate(
					builder.build(new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(signer.getPrivate())));
		}
		catch (OperatorCreationException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	/** The certificate, then the rest of its chain. */
	private void writeCertificate(String name, X509Certificate... chain) throws IOException {
		StringBuilder text = new StringBuilder();
		for (X509Certificate certificate : chain) {
			text.append(pem(certificate));
		}
		Files.writeString(file(name), text, StandardCharsets.US_ASCII);
	}

	private void writePrivateKey(String name, KeyPair keys) throws IOException {
		try (OutputStream out = newOwnerOnlyFile(name)) {
			out.write(pem(new JcaPKCS8Generator(keys.getPrivate(), null)).getBytes(StandardCharsets.US_ASCII));
		}
	}

	private void writeClientPkcs12(KeyPair keys, X509Certificate client, X509Certificate ca)
			throws IOException, GeneralSecurityException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		char[] password = CLIENT_PKCS12_PASSWORD.toCharArray();
		store.setKeyEntry("sample-client", keys.getPrivate(), password, new Certificate[] { client, ca });
		try (OutputStream out = newOwnerOnlyFile(CLIENT_PKCS12)) {
			store.store(out, password);
		}
	}

	/**
	 * A new file that only its owner may read and write, where the file system knows
	 * POSIX permissions.
	 */
	private OutputStream newOwnerOnlyFile(String name) throws IOException {
		Path path = file(name);
		Files.deleteIfExists(path);
		try {
			Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		catch (UnsupportedOperationException ex) {
			Files.createFile(path);
		}
		return Files.newOutputStream(path, StandardOpenOption.TRUNCATE_EXISTING);
	}

	/**
	 * Where the CA publishes revocation status: an OCSP responder and a CRL distribution
	 * point.
	 */
	record RevocationUrls(String ocsp, String crl) {

		static RevocationUrls onLoopback(int ocspPort, int crlPort) {
			return new RevocationUrls("http://127.0.0.1:" + ocspPort + "/", "http://127.0.0.1:" + crlPort + CRL_PATH);
		}

	}

	private static String pem(Object object) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		return out.toString();
	}

}
