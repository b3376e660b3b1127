package io.securecomms.test.reactive;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;

import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.test.SecureCommsMeters;
import io.securecomms.test.SecureCommsMeters.Counted;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What {@link GreetingApplicationTests} relies on: the application is served by Reactor
 * Netty over HTTPS with the test PKI's certificate, the auto-configured
 * {@link WebTestClient} reaches it with {@code https}, plain HTTP gets no answer, and a
 * client that does not trust the test CA is refused (and the server counts it).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.main.web-application-type=reactive")
@AutoConfigureWebTestClient
class GreetingApplicationHttpsTests {

	@Autowired
	WebTestClient client;

	@Autowired
	ReactiveWebServerApplicationContext context;

	@Autowired
	MeterRegistry meters;

	@LocalServerPort
	int port;

	@Test
	void reactorNettyServesIt() {
		assertThat(this.context.getWebServer()).isInstanceOf(NettyWebServer.class);
	}

	@Test
	void webTestClientCallsItOverHttps() {
		EntityExchangeResult<String> result = this.client.get()
			.uri("/greeting")
			.exchange()
			.expectBody(String.class)
			.returnResult();

		assertThat(result.getUrl()).isEqualTo(URI.create("https://localhost:" + this.port + "/greeting"));
		assertThat(result.getResponseBody()).isEqualTo("hello");
	}

	@Test
	void plainHttpGetsNoAnswer() {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/greeting")).build();

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> HttpClient.newHttpClient().send(request, BodyHandlers.ofString()));
	}

	@Test
	void aClientWithoutTheTestCaIsRefusedAndTheServerCountsIt() throws Exception {
		// The reason is the client's to give: the JDK client closes without an alert the
		// server reads, so the
		// server counts connection_closed; openssl would send certificate_unknown
		// (cert_untrusted).
		Counted refused = SecureCommsMeters.of(this.meters).handshakeFailures().channel("server").direction("inbound");
		double before = refused.count();
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/greeting"))
			.build();

		assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(
				() -> HttpClient.newBuilder().sslContext(cacertsOnly()).build().send(request, BodyHandlers.ofString()));
		// Counted on the server's thread, maybe after the client has seen its failure.
		refused.awaitCounted(before + 1, Duration.ofSeconds(5));
	}

	/**
	 * Trust in the JDK's {@code cacerts} only: not the JVM default {@code SSLContext},
	 * which secure-comms puts on the policy with the test PKI's trust.
	 */
	private static SSLContext cacertsOnly() throws Exception {
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init((KeyStore) null);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, trust.getTrustManagers(), null);
		return context;
	}

}
