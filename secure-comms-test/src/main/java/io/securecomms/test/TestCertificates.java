package io.securecomms.test;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made for a test run, in memory: nothing is committed or written unless
 * asked. An {@link Authority} issues leaves from a {@link Spec}; {@link Issued} writes
 * itself as PEM or PKCS12 for Spring SSL bundles and for openssl.
 */
public final class TestCertificates {

	private static final AtomicLong serials = new AtomicLong(System.currentTimeMillis());

	private TestCertificates() {
	}

	public static Authority rootCa(String commonName) {
		Spec spec = Spec.ca(commonName);
		KeyPair keys = spec.generateKeys();
		// Self-issued: OpenSSL (unlike the JDK) accepts a root only when its issuer is
		// its subject.
		X509Certificate certificate = sign(spec, keys, spec.subject(), keys.getPrivate(), keys.getPublic(),
				"SHA256withRSA");
		return new Authority(certificate, keys);
	}

	/** A self-signed leaf: trusted only where it is named. */
	public static Issued selfSigned(Spec spec) {
		KeyPair keys = spec.generateKeys();
		X509Certificate certificate = sign(spec, keys, spec.subject(), keys.getPrivate(), keys.getPublic(),
				spec.signatureAlgorithm);
		return new Issued(certificate, keys.getPrivate(), List.of(certificate));
	}

	private static X509Certificate sign(Spec spec, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
			java.security.PublicKey issuerPublicKey, String signatureAlgorithm) {
		try {
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
					BigInteger.valueOf(serials.incrementAndGet()), Date.from(spec.notBefore), Date.from(spec.notAfter),
					spec.subject(), subjectKeys.getPublic());
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(subjectKeys.getPublic()));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(issuerPublicKey));
			if (spec.ca) {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
				builder.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
			}
			else {
				builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
				builder.addExtension(Extension.keyUsage, true,
						new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
				builder.addExtension(Extension.extendedKeyUsage, false,
						spec.alsoClient ? new ExtendedKeyUsage(
								new KeyPurposeId[] { KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth })
								: new ExtendedKeyUsage(
										spec.client ? KeyPurposeId.id_kp_clientAuth : KeyPurposeId.id_kp_serverAuth));
			}
			if (spec.ocspUrl != null) {
				builder.addExtension(Extension.authorityInfoAccess, false,
						new AuthorityInformationAccess(AccessDescription.id_ad_ocsp,
								new GeneralName(GeneralName.uniformResourceIdentifier, spec.ocspUrl)));
			}
			if (!spec.hosts.isEmpty() || !spec.uris.isEmpty()) {
				List<GeneralName> names = new ArrayList<>();
				spec.hosts.stream()
					.map((host) -> new GeneralName(Character.isDigit(host.charAt(0)) || host.contains(":")
							? GeneralName.iPAddress : GeneralName.dNSName, host))
					.forEach(names::add);
				spec.uris.stream()
					.map((uri) -> new GeneralName(GeneralName.uniformResourceIdentifier, uri))
					.forEach(names::add);
				builder.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(names.toArray(GeneralName[]::new)));
			}
			return new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder(signatureAlgorithm).build(issuerKey)));
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot create test certificate", ex);
		}
	}

	/**
	 * What a certificate should look like. Defaults: a server certificate for localhost,
	 * RSA 2048, SHA-256, valid now.
	 */
	public static final class Spec {

		private String commonName;

		private final List<String> hosts = new ArrayList<>();

		private final List<String> uris = new ArrayList<>();

		private boolean ca;

		private boolean client;

		private boolean alsoClient;

		private String keyAlgorithm = "RSA";

		private int keySize = 2048;

		private String signatureAlgorithm = "SHA256withRSA";

		private Instant notBefore = Instant.now().minus(Duration.ofDays(1));

		private Instant notAfter = Instant.now().plus(Duration.ofDays(365));

		private String ocspUrl;

		private Spec(String commonName) {
			this.commonName = commonName;
		}

		public static Spec server(String... hosts) {
			Spec spec = new Spec(hosts[0]);
			spec.hosts.addAll(List.of(hosts));
			return spec;
		}

		public static Spec client(String commonName) {
			Spec spec = new Spec(commonName);
			spec.client = true;
			return spec;
		}

		static Spec ca(String commonName) {
			Spec spec = new Spec(commonName);
			spec.ca = true;
			spec.keySize = 2048;
			spec.notAfter = Instant.now().plus(Duration.ofDays(3650));
			return spec;
		}

		/**
		 * A server certificate that may also authenticate as a client (a broker that
		 * talks to its peers).
		 */
		public Spec alsoClient() {
			this.alsoClient = true;
			return this;
		}

		/**
		 * Adds a subject alternative name of type DNS (any certificate, a client's too).
		 */
		public Spec dnsName(String name) {
			this.hosts.add(name);
			return this;
		}

		/**
		 * Adds a subject alternative name of type URI, such as a SPIFFE ID
		 * ({@code spiffe://example.org/ns/ops/sa/prometheus}).
		 */
		public Spec uri(String uri) {
			this.uris.add(uri);
			return this;
		}

		public Spec rsa(int bits) {
			this.keyAlgorithm = "RSA";
			this.keySize = bits;
			return this;
		}

		public Spec ec(int bits) {
			this.keyAlgorithm = "EC";
			this.keySize = bits;
			this.signatureAlgorithm = "SHA256withECDSA";
			return this;
		}

		/** The algorithm the issuer signs with, e.g. {@code SHA1withRSA}. */
		public Spec signedWith(String signatureAlgorithm) {
			this.signatureAlgorithm = signatureAlgorithm;
			return this;
		}

		/**
		 * Where the certificate's revocation status is served (Authority Information
		 * Access).
		 */
		public Spec ocsp(String url) {
			this.ocspUrl = url;
			return this;
		}

		/**
		 * The subject's common name, which may hold any character (a hostile peer's,
		 * say).
		 */
		public Spec commonName(String commonName) {
			this.commonName = commonName;
			return this;
		}

		public Spec valid(Instant notBefore, Instant notAfter) {
			this.notBefore = notBefore;
			this.notAfter = notAfter;
			return this;
		}

		X500Name subject() {
			// Built attribute by attribute: the common name is taken as it is, never
			// parsed.
			return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, this.commonName)
				.addRDN(BCStyle.O, "secure-comms tests")
				.build();
		}

		KeyPair generateKeys() {
			try {
				KeyPairGenerator generator = KeyPairGenerator.getInstance(this.keyAlgorithm);
				if ("EC".equals(this.keyAlgorithm)) {
					generator.initialize(new ECGenParameterSpec(curve(this.keySize)));
				}
				else {
					generator.initialize(this.keySize, new SecureRandom());
				}
				return generator.generateKeyPair();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static String curve(int bits) {
			return switch (bits) {
				case 256 -> "secp256r1";
				case 384 -> "secp384r1";
				default -> throw new IllegalArgumentException("No test curve of " + bits + " bits");
			};
		}

	}

	/**
	 * A certificate authority that issues leaves signed with the leaf spec's signature
	 * algorithm.
	 */
	public record Authority(X509Certificate certificate, KeyPair keys) {

		/**
		 * An intermediate CA certified by this one; what it issues comes with the chain
		 * [leaf, intermediate].
		 */
		public Authority intermediate(String commonName) {
			Spec spec = Spec.ca(commonName);
			KeyPair intermediateKeys = spec.generateKeys();
			X509Certificate intermediate = sign(spec, intermediateKeys,
					X500Name.getInstance(this.certificate.getSubjectX500Principal().getEncoded()),
					this.keys.getPrivate(), this.keys.getPublic(), "SHA256withRSA");
			return new Authority(intermediate, intermediateKeys);
		}

		public Issued issue(Spec spec) {
			KeyPair leafKeys = spec.generateKeys();
			X509Certificate leaf = sign(spec, leafKeys,
					X500Name.getInstance(this.certificate.getSubjectX500Principal().getEncoded()),
					this.keys.getPrivate(), this.keys.getPublic(),
					spec.signatureAlgorithm.endsWith("ECDSA") ? "SHA256withRSA" : spec.signatureAlgorithm);
			return new Issued(leaf, leafKeys.getPrivate(), List.of(leaf, this.certificate));
		}

		/** The CA certificate as PEM text. */
		public String certificatePem() {
			return pem(this.certificate);
		}

		/** Writes the CA certificate as {@code <name>.crt}. */
		public Path writePem(Path directory, String name) {
			return TestCertificates.writePem(directory.resolve(name + ".crt"), this.certificate);
		}

	}

	/** An issued certificate with its key and chain (leaf first, the issuing CA last). */
	public record Issued(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

		/** The chain (leaf first) as PEM text. */
		public String chainPem() {
			return pem(this.chain.toArray());
		}

		/** The private key as unencrypted PKCS#8 PEM text. */
		public String privateKeyPem() {
			try {
				return pem(new JcaPKCS8Generator(this.privateKey, null));
			}
			catch (PemGenerationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** Writes {@code <name>.crt} (the chain) and {@code <name>.key}. */
		public Path writePem(Path directory, String name) {
			try {
				TestCertificates.writePem(directory.resolve(name + ".key"),
						new JcaPKCS8Generator(this.privateKey, null));
			}
			catch (PemGenerationException ex) {
				throw new IllegalStateException(ex);
			}
			return TestCertificates.writePem(directory.resolve(name + ".crt"), this.chain.toArray());
		}

		/** A server-side {@link SSLContext} presenting this certificate and its chain. */
		public SSLContext serverSslContext() {
			try {
				KeyStore store = KeyStore.getInstance("JKS");
				store.load(null, null);
				store.setKeyEntry("server", this.privateKey, new char[0], this.chain.toArray(Certificate[]::new));
				KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(store, new char[0]);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keys.getKeyManagers(), null, null);
				return context;
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

		/** Writes {@code <name>.p12} with the key, the chain and {@code password}. */
		public Path writePkcs12(Path directory, String name, String password) {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				store.setKeyEntry(name, this.privateKey, password.toCharArray(),
						this.chain.toArray(Certificate[]::new));
				Path file = directory.resolve(name + ".p12");
				try (var out = Files.newOutputStream(file)) {
					store.store(out, password.toCharArray());
				}
				return file;
			}
			catch (IOException | GeneralSecurityException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

	public static Path writePem(Path file, Object... objects) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, pem(objects));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return file;
	}

	/**
	 * PEM text of certificates, keys or PKCS#8 generators: what Spring's PEM SSL bundle
	 * properties take inline
	 * ({@code spring.ssl.bundle.pem.<name>.keystore.certificate=-----BEGIN CERTIFICATE-----...}).
	 */
	public static String pem(Object... objects) {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			for (Object object : objects) {
				writer.writeObject(object);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		return text.toString();
	}

}
