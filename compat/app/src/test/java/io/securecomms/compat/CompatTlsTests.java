package io.securecomms.compat;

import java.io.IOException;
import java.io.Writer;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter in an ordinary application on the Boot version and JDK this run uses: a verified TLS 1.3 handshake
 * succeeds, a client offering only CBC suites is refused, and the refusal is counted with its reason.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CompatTlsTests {

	private static final String FAILURES = "secure.comms.tls.handshake.failures";

	@TempDir
	static Path directory;

	static X509Certificate ca;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void serverCertificate(DynamicPropertyRegistry properties) throws Exception {
		KeyPair caKeys = ecKeys();
		X500Name caName = new X500Name("CN=compat CA");
		ca = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.ONE, notBefore(), notAfter(), caName,
				caKeys.getPublic())
			.addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign)), caKeys);
		KeyPair serverKeys = ecKeys();
		X509Certificate server = sign(new JcaX509v3CertificateBuilder(caName, BigInteger.TWO, notBefore(),
				notAfter(), new X500Name("CN=localhost"), serverKeys.getPublic())
			.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }))
			.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature)), caKeys);
		Path certificate = pem(directory.resolve("server.crt"), server);
		Path key = pem(directory.resolve("server.key"), new JcaPKCS8Generator(serverKeys.getPrivate(), null));
		properties.add("spring.ssl.bundle.pem.server.keystore.certificate", () -> "file:" + certificate);
		properties.add("spring.ssl.bundle.pem.server.keystore.private-key", () -> "file:" + key);
		properties.add("server.ssl.bundle", () -> "server");
	}

	@Test
	void verifiedHandshakeSucceeds() throws Exception {
		HttpResponse<String> response = client(null).send(request(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("hello");
		assertThat(response.sslSession()).hasValueSatisfying(
				(session) -> assertThat(session.getProtocol()).isEqualTo("TLSv1.3"));
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
		System.out.printf("compat: Boot %s on Java %s: TLS 1.3 handshake succeeded%n", SpringBootVersion.getVersion(),
				System.getProperty("java.version"));
	}

	@Test
	void cbcOnlyClientIsRefusedAndCounted() throws Exception {
		double before = failures();
		SSLParameters cbcOnly = new SSLParameters(new String[] { "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256" },
				new String[] { "TLSv1.2" });

		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> client(cbcOnly).send(request(), HttpResponse.BodyHandlers.ofString()))
			.withMessageContaining("handshake_failure");
		awaitFailures(before + 1);
	}

	private double failures() {
		Counter counter = this.registry.find(FAILURES)
			.tags("channel", "server", "direction", "inbound", "peer", "client", "reason", "no_common_cipher")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private void awaitFailures(double expected) throws InterruptedException {
		// The server records the failure on its own thread, after the client has seen the alert.
		Instant deadline = Instant.now().plusSeconds(10);
		while (failures() < expected && Instant.now().isBefore(deadline)) {
			Thread.sleep(20);
		}
		assertThat(failures()).as("%s{channel=server,reason=no_common_cipher}", FAILURES).isEqualTo(expected);
	}

	private HttpRequest request() {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/hello"))
			.timeout(Duration.ofSeconds(10))
			.build();
	}

	private static HttpClient client(SSLParameters parameters) throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		trust.setCertificateEntry("ca", ca);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trustManagers.getTrustManagers(), null);
		HttpClient.Builder builder = HttpClient.newBuilder().sslContext(context).connectTimeout(Duration.ofSeconds(10));
		if (parameters != null) {
			builder.sslParameters(parameters);
		}
		return builder.build();
	}

	private static KeyPair ecKeys() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) throws Exception {
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate())));
	}

	private static Date notBefore() {
		return Date.from(Instant.now().minus(Duration.ofHours(1)));
	}

	private static Date notAfter() {
		return Date.from(Instant.now().plus(Duration.ofDays(2)));
	}

	private static Path pem(Path file, Object object) throws IOException {
		try (Writer writer = Files.newBufferedWriter(file); JcaPEMWriter pem = new JcaPEMWriter(writer)) {
			pem.writeObject(object);
		}
		return file;
	}

}
