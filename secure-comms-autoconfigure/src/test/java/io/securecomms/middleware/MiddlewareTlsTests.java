package io.securecomms.middleware;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.HandshakeMeters;
import io.securecomms.metrics.PeerTagLimiter;
import io.securecomms.policy.JvmTlsSupport;
import io.securecomms.policy.Mode;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsPolicyResolver;
import io.securecomms.policy.TlsSettings;
import io.securecomms.testsupport.OpenSslServer;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.PolicySslContext;
import io.securecomms.trust.RevocationMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The policy SSL context every middleware channel uses, against real TLS servers on
 * loopback: sockets it makes verify the server (chain and host name), keep the policy
 * whatever a client library sets on them, and report every handshake on the channel's
 * meters, a plaintext answer included.
 */
class MiddlewareTlsTests {

	@TempDir
	static Path directory;

	static TlsTestServer trusted;

	static TlsTestServer untrusted;

	static OpenSslServer cbcOnly;

	static MiddlewareTls tls;

	SimpleMeterRegistry registry;

	static HandshakeMeters meters;

	@BeforeAll
	static void start() {
		Authority ca = TestCertificates.rootCa("middleware CA");
		Path caPem = ca.writePem(directory, "ca");
		trusted = TlsTestServer.presenting(ca.issue(Spec.server("localhost"))).start();
		untrusted = TlsTestServer.presenting(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")))
			.start();
		ca.issue(Spec.server("localhost")).writePem(directory, "server");
		// openssl, not the JDK's server: it answers a client without a common suite with
		// the alert that says so.
		cbcOnly = OpenSslServer.start(directory.resolve("server.crt"), directory.resolve("server.key"), "-tls1_2",
				"-cipher", "ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES128-SHA256:@SECLEVEL=0");
		DefaultSslBundleRegistry bundles = new DefaultSslBundleRegistry();
		bundles.registerBundle("backends",
				SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(caPem.toUri().toString()))));
		TlsPolicy policy = new TlsPolicyResolver(JvmTlsSupport.current())
			.resolve(new TlsSettings("intermediate", List.of(), List.of()), Mode.ENFORCE)
			.policy();
		meters = new HandshakeMeters(new PeerTagLimiter(10));
		tls = new MiddlewareTls(
				new ClientTls("backends", false, null, List.of(), RevocationMode.OFF, IdentityPatterns.none()), policy,
				Mode.ENFORCE, bundles, new HandshakeEvents(List.of(meters)));
	}

	@BeforeEach
	void bind() {
		this.registry = new SimpleMeterRegistry();
		meters.bindTo(this.registry);
	}

	@AfterAll
	static void stop() {
		trusted.close();
		untrusted.close();
		cbcOnly.close();
	}

	@Test
	void aTrustedServerIsReachedAndTheHandshakeTimedOnTheChannel() throws IOException {
		PolicySslContext context = tls.sslContext(Channel.REDIS, null, null);
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", trusted.port())) {
			OutputStream out = socket.getOutputStream();
			out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			assertThat(new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII))
				.startsWith("HTTP/1.1 200");
			assertThat(socket.getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
		}
		assertThat(this.registry.get(HandshakeMeters.HANDSHAKES)
			.tags("channel", "redis", "direction", "outbound", "peer", "localhost:" + trusted.port())
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void anUntrustedServerIsRefusedNamingTheTrustPropertyAndCounted() {
		PolicySslContext context = tls.sslContext(Channel.LDAP, null, null);
		assertThatExceptionOfType(SSLHandshakeException.class)
			.isThrownBy(() -> firstByte(context.getSocketFactory().createSocket("localhost", untrusted.port())))
			.withMessageContaining("is not trusted")
			.withMessageContaining(MiddlewareTls.TRUST_PROPERTY);
		assertThat(failures("ldap", "localhost:" + untrusted.port(), "cert_untrusted")).isEqualTo(1);
	}

	@Test
	void aHostNameTheCertificateDoesNotNameIsRefusedEvenWhenTheLibraryClearsTheCheck() throws IOException {
		PolicySslContext context = tls.sslContext(Channel.MAIL, null, null);
		// 127.0.0.1 is not a name of the certificate (it names localhost only).
		Socket created = context.getSocketFactory().createSocket("127.0.0.1", trusted.port());
		SSLSocket socket = (SSLSocket) created;
		SSLParameters cleared = socket.getSSLParameters();
		cleared.setEndpointIdentificationAlgorithm(null);
		socket.setSSLParameters(cleared);
		assertThat(socket.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
		assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> firstByte(socket))
			.withMessageContaining("is not valid for host");
		assertThat(failures("mail", "127.0.0.1:" + trusted.port(), "hostname_mismatch")).isEqualTo(1);
	}

	@Test
	void aLibraryCannotWidenTheSuitesSoACbcOnlyServerIsRefused() throws IOException {
		PolicySslContext context = tls.sslContext(Channel.KAFKA, null, null);
		SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", cbcOnly.port());
		socket.setEnabledProtocols(new String[] { "TLSv1.1", "TLSv1.2" });
		socket.setEnabledCipherSuites(new String[] { "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256" });
		assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.2");
		assertThat(socket.getEnabledCipherSuites()).doesNotContain("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
		assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> firstByte(socket));
		assertThat(failures("kafka", "localhost:" + cbcOnly.port(), "no_common_cipher")).isEqualTo(1);
	}

	@Test
	void aServerThatAnswersInPlaintextIsCountedAsPlaintextRefused() throws Exception {
		try (ServerSocket plaintext = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> {
				try (Socket accepted = plaintext.accept()) {
					accepted.getOutputStream().write("-ERR unknown command\r\n".getBytes(StandardCharsets.US_ASCII));
					accepted.getInputStream().read(new byte[512]);
				}
				catch (IOException ex) {
					// The client hangs up once it has read the answer.
				}
			});
			PolicySslContext context = tls.sslContext(Channel.REDIS, null, null);
			assertThatExceptionOfType(javax.net.ssl.SSLException.class).isThrownBy(
					() -> firstByte(context.getSocketFactory().createSocket("localhost", plaintext.getLocalPort())));
			answered.join();
			assertThat(this.registry.get(HandshakeMeters.PLAINTEXT_REFUSED)
				.tags("channel", "redis", "peer", "localhost:" + plaintext.getLocalPort())
				.counter()
				.count()).isEqualTo(1);
		}
	}

	private double failures(String channel, String peer, String reason) {
		return this.registry.get(HandshakeMeters.FAILURES)
			.tags("channel", channel, "direction", "outbound", "peer", peer, "reason", reason)
			.counter()
			.count();
	}

	private static void firstByte(Socket socket) throws IOException {
		socket.setSoTimeout(10_000);
		try (socket; InputStream in = socket.getInputStream()) {
			in.read();
		}
	}

}
