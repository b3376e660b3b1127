package io.securecomms.identity;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.securecomms.testsupport.JwkSetServer;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux OAuth2 resource server (Boot's {@code ReactiveJwtDecoder} from
 * {@code jwk-set-uri}, Spring Security's bearer token web filter) validating tokens
 * against JWK sets served over HTTPS on loopback. Its own server is Reactor Netty, which
 * the starter does not cover (plaintext, {@code secure.comms.server.require-tls=false}):
 * what is under test is its outbound call for the keys.
 */
class ReactiveResourceServerIntegrationTests {

	@TempDir
	static Path directory;

	static JwkSetServer good;

	static JwkSetServer untrusted;

	@BeforeAll
	static void start() {
		Authority idp = TestCertificates.rootCa("identity provider CA");
		idp.writePem(directory, "idp-ca");
		good = JwkSetServer.start(idp.issue(Spec.server("localhost")));
		untrusted = JwkSetServer.start(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")));
	}

	@AfterAll
	static void stop() {
		good.close();
		untrusted.close();
	}

	static ConfigurableApplicationContext resourceServer(String jwkSetUri) {
		return start("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri);
	}

	static ConfigurableApplicationContext start(String uriProperty) {
		List<String> properties = new ArrayList<>(List.of("spring.main.web-application-type=reactive", "server.port=0",
				"spring.main.banner-mode=off", "secure.comms.server.require-tls=false",
				"spring.ssl.bundle.pem.idp.truststore.certificate=file:" + directory.resolve("idp-ca.crt"),
				"secure.comms.client.trust-bundle=idp", uriProperty));
		return new SpringApplicationBuilder(TestApplication.class, WebSecurity.class)
			.properties(properties.toArray(String[]::new))
			.run();
	}

	static int get(ConfigurableApplicationContext context, String token) throws Exception {
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/hello"));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	@Test
	void tokenSignedWithTheServedKeyIsAcceptedOverTheIdentityChannel() throws Exception {
		try (ConfigurableApplicationContext app = resourceServer(good.jwkSetUri("localhost"))) {
			assertThat(get(app, good.token("alice"))).isEqualTo(200);
			assertThat(get(app, null)).isEqualTo(401);

			assertThat(good.requests()).isPositive();
			Timer handshakes = app.getBean(MeterRegistry.class)
				.find(ResourceServerIntegrationTests.HANDSHAKES)
				.tags("channel", "identity", "peer", "resource-server")
				.timer();
			assertThat(handshakes).as("handshake timed on channel=identity, peer=resource-server").isNotNull();
			assertThat(handshakes.count()).isPositive();
		}
	}

	@Test
	void issuerDiscoveryAndItsJwkSetRunOnTheIdentityChannel() throws Exception {
		String issuer = good.issuerUri("localhost");
		try (ConfigurableApplicationContext app = start(
				"spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer)) {
			assertThat(get(app, good.token("alice", issuer))).isEqualTo(200);

			assertThat(app.getBean(MeterRegistry.class)
				.find(ResourceServerIntegrationTests.HANDSHAKES)
				.tags("channel", "identity", "peer", "resource-server")
				.timer()).isNotNull();
		}
	}

	@Test
	void untrustedJwkEndpointIsRefusedAndCounted() throws Exception {
		try (ConfigurableApplicationContext app = resourceServer(untrusted.jwkSetUri("localhost"))) {
			assertThat(get(app, untrusted.token("alice"))).as("refused: the JWK set could not be fetched")
				.isNotEqualTo(200);

			assertThat(untrusted.requests()).isZero();
			Awaitility.await().untilAsserted(() -> {
				Counter counter = app.getBean(MeterRegistry.class)
					.find(ResourceServerIntegrationTests.FAILURES)
					.tags("channel", "identity", "direction", "outbound", "peer", "resource-server", "reason",
							"cert_untrusted")
					.counter();
				assertThat(counter).isNotNull();
				assertThat(counter.count()).isPositive();
			});
		}
	}

	@EnableWebFluxSecurity
	static class WebSecurity {

	}

}
