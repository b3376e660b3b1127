package io.securecomms.client;

import java.net.Socket;
import java.nio.file.Path;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A wildcard for a whole public registry ({@code *.co.uk}) from a trusted internal CA
 * names no host: neither HttpClient 5.6 (public suffix list or not) nor the JDK (which
 * applies the rule only to its own CA store) refuses it. The real handshake runs on
 * loopback through the HTTP clients' TLS strategy, told it reaches {@code shop.co.uk} (a
 * Spring builder's client cannot be pointed at such a name without DNS).
 */
class PublicSuffixHostnameVerifierTests {

	@TempDir
	static Path directory;

	static Authority ca;

	static ConfigurableApplicationContext app;

	private final PublicSuffixHostnameVerifier verifier = new PublicSuffixHostnameVerifier();

	@BeforeAll
	static void start() {
		ca = TestCertificates.rootCa("internal CA");
		ca.writePem(directory, "ca");
		app = new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"spring.ssl.bundle.pem.internal.truststore.certificate=file:" + directory.resolve("ca.crt"),
					"secure.comms.client.trust-bundle=internal")
			.run();
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void aRegistryWildcardIsRefusedInARealHandshakeAndCounted() throws Exception {
		try (TlsTestServer server = TlsTestServer.presenting(ca.issue(Spec.server("*.co.uk"))).start()) {
			String peer = "shop.co.uk:" + server.port();

			assertThatExceptionOfType(SSLPeerUnverifiedException.class)
				.isThrownBy(() -> upgrade(server, "shop.co.uk").close())
				.withMessageContaining("names it only through a wildcard for the public suffix 'co.uk'");

			assertThat(failures(peer, "hostname_mismatch")).isEqualTo(1);
		}
	}

	@Test
	void aWildcardUnderARegisteredDomainStillWorks() throws Exception {
		try (TlsTestServer server = TlsTestServer.presenting(ca.issue(Spec.server("*.example.co.uk"))).start();
				SSLSocket socket = upgrade(server, "www.example.co.uk")) {
			assertThat(socket.getSession().getPeerCertificates()).isNotEmpty();
		}
	}

	@Test
	void registryWildcardsNameNoHost() {
		assertThatExceptionOfType(SSLException.class).isThrownBy(() -> verify("shop.co.uk", "*.co.uk"));
		assertThatExceptionOfType(SSLException.class).isThrownBy(() -> verify("shop.com", "*.com"));
		assertThatExceptionOfType(SSLException.class).isThrownBy(() -> verify("a.foo.ck", "*.foo.ck"));
		// A name that is itself a public suffix: what HttpClient's list refuses on its
		// own.
		assertThatExceptionOfType(SSLException.class).isThrownBy(() -> verify("co.uk", "co.uk"));
		// What HttpClient's verifier accepted (the strategy's before): the wildcard.
		assertThatNoException().isThrownBy(() -> new DefaultHostnameVerifier().verify("shop.co.uk",
				ca.issue(Spec.server("*.co.uk")).certificate()));
	}

	@Test
	void namesUnderARegisteredOrInternalDomainAndExactNamesStillMatch() {
		assertThatNoException().isThrownBy(() -> verify("www.example.co.uk", "*.example.co.uk"));
		assertThatNoException().isThrownBy(() -> verify("api.svc.cluster.local", "*.svc.cluster.local"));
		assertThatNoException().isThrownBy(() -> verify("db.corp.internal", "*.corp.internal"));
		assertThatNoException().isThrownBy(() -> verify("shop.co.uk", "shop.co.uk"));
		assertThatNoException().isThrownBy(() -> verify("127.0.0.1", "127.0.0.1"));
	}

	@Test
	void theNamesHttpClientQuotesInARefusalAreEscaped() {
		assertThatExceptionOfType(SSLPeerUnverifiedException.class)
			.isThrownBy(() -> verify("localhost", "evil\nWARN forged.example"))
			.withMessageContaining("evil\\nWARN forged.example")
			.withMessageNotContaining("\n");
	}

	private void verify(String host, String certificateName) throws SSLException {
		this.verifier.verify(host, ca.issue(Spec.server(certificateName)).certificate());
	}

	/**
	 * The TLS strategy Boot's builders' clients run on, with the application's trust and
	 * meters.
	 */
	private static SSLSocket upgrade(TlsTestServer server, String hostName) throws Exception {
		Socket socket = new Socket("127.0.0.1", server.port());
		try {
			return (SSLSocket) app.getBean(OutboundTls.class)
				.classicStrategy()
				.upgrade(socket, hostName, server.port(), null, new BasicHttpContext());
		}
		catch (Exception ex) {
			socket.close();
			throw ex;
		}
	}

	private static double failures(String peer, String reason) {
		Counter counter = app.getBean(MeterRegistry.class)
			.find("secure.comms.tls.handshake.failures")
			.tags("channel", "http-client", "direction", "outbound", "peer", peer, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
