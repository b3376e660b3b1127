package io.securecomms.identity;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.securecomms.metrics.Channel;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.testsupport.JwkSetServer;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real OAuth2 resource server (Boot's {@code JwtDecoder} from {@code jwk-set-uri},
 * Spring Security's bearer token filter) on TLS, validating tokens against JWK sets
 * served over HTTPS on loopback by servers presenting what each test names.
 */
class ResourceServerIntegrationTests {

	static final String FAILURES = "secure.comms.tls.handshake.failures";

	static final String HANDSHAKES = "secure.comms.tls.handshakes";

	/**
	 * Spring Security answers 500 when the keys cannot be fetched (an
	 * AuthenticationServiceException, not a bad token): the request is refused either
	 * way, and /hello never runs.
	 */
	static final String REFUSED = "refused: the JWK set could not be fetched";

	@TempDir
	static Path directory;

	static ServerPki pki;

	static JwkSetServer good;

	static JwkSetServer untrusted;

	static JwkSetServer wrongHost;

	@BeforeAll
	static void start() {
		pki = ServerPki.create(directory);
		Authority idp = TestCertificates.rootCa("identity provider CA");
		idp.writePem(directory, "idp-ca");
		Authority stranger = TestCertificates.rootCa("stranger CA");
		stranger.writePem(directory, "stranger-ca");
		good = JwkSetServer.start(idp.issue(Spec.server("localhost")));
		untrusted = JwkSetServer.start(stranger.issue(Spec.server("localhost")));
		wrongHost = JwkSetServer.start(idp.issue(Spec.server("other.example")));
	}

	@AfterAll
	static void stop() {
		good.close();
		untrusted.close();
		wrongHost.close();
	}

	static RunningApp resourceServer(String jwkSetUri, String... more) {
		return start("spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + jwkSetUri, more);
	}

	static RunningApp start(String uriProperty, String... more) {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("spring.ssl.bundle.pem.idp.truststore.certificate=file:" + directory.resolve("idp-ca.crt"));
		properties
			.add("spring.ssl.bundle.pem.stranger.truststore.certificate=file:" + directory.resolve("stranger-ca.crt"));
		properties.add("secure.comms.client.trust-bundle=idp");
		properties.add(uriProperty);
		properties.addAll(List.of(more));
		return RunningApp.start(List.of(WebSecurity.class), properties);
	}

	@Test
	void tokenSignedWithTheServedKeyIsAcceptedOverTheIdentityChannel() throws Exception {
		try (RunningApp app = resourceServer(good.jwkSetUri("localhost"))) {
			String url = "https://localhost:" + app.port() + "/hello";

			assertThat(pki.client().get(url, good.token("alice")).statusCode()).isEqualTo(200);
			assertThat(pki.client().get(url).statusCode()).isEqualTo(401);

			assertThat(good.requests()).isPositive();
			Timer handshakes = registry(app).find(HANDSHAKES)
				.tags("channel", "identity", "peer", "resource-server")
				.timer();
			assertThat(handshakes).as("handshake timed on channel=identity, peer=resource-server").isNotNull();
			assertThat(handshakes.count()).isPositive();
			assertThat(app.context().getBean(MiddlewareConnections.class).entries())
				.filteredOn((entry) -> entry.connection().channel() == Channel.IDENTITY)
				.singleElement()
				.satisfies((entry) -> {
					assertThat(entry.connection().client())
						.isEqualTo("resource-server (spring.security.oauth2.resourceserver.jwt)");
					assertThat(entry.connection().hosts()).containsExactly("localhost:" + good.port());
					assertThat(entry.connection().trustSource()).isEqualTo("idp (secure.comms.client.trust-bundle)");
					assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.TLS);
				});
		}
	}

	@Test
	void untrustedJwkEndpointIsRefusedAndCounted() throws Exception {
		try (RunningApp app = resourceServer(untrusted.jwkSetUri("localhost"))) {
			String url = "https://localhost:" + app.port() + "/hello";

			assertThat(pki.client().get(url, untrusted.token("alice")).statusCode()).as(REFUSED).isEqualTo(500);

			assertThat(untrusted.requests()).isZero();
			awaitFailure(app, "cert_untrusted");
		}
	}

	@Test
	void wrongHostJwkEndpointIsRefusedAndCounted() throws Exception {
		try (RunningApp app = resourceServer(wrongHost.jwkSetUri("localhost"))) {
			String url = "https://localhost:" + app.port() + "/hello";

			assertThat(pki.client().get(url, wrongHost.token("alice")).statusCode()).as(REFUSED).isEqualTo(500);

			assertThat(wrongHost.requests()).isZero();
			awaitFailure(app, "hostname_mismatch");
		}
	}

	@Test
	void targetEntryForTheIdentityProviderHostGivesItsOwnTrust() throws Exception {
		try (RunningApp app = resourceServer(untrusted.jwkSetUri("localhost"),
				"secure.comms.client.targets.idp.hosts=localhost",
				"secure.comms.client.targets.idp.trust-bundle=stranger")) {
			String url = "https://localhost:" + app.port() + "/hello";

			assertThat(pki.client().get(url, untrusted.token("alice")).statusCode()).isEqualTo(200);
		}
		try (RunningApp app = resourceServer(good.jwkSetUri("localhost"),
				"secure.comms.client.targets.idp.hosts=localhost",
				"secure.comms.client.targets.idp.trust-bundle=stranger")) {
			String url = "https://localhost:" + app.port() + "/hello";

			assertThat(pki.client().get(url, good.token("alice")).statusCode()).as(REFUSED).isEqualTo(500);

			awaitFailure(app, "cert_untrusted");
		}
	}

	@Test
	void issuerDiscoveryAndItsJwkSetRunOnTheIdentityChannel() throws Exception {
		String issuer = good.issuerUri("localhost");
		try (RunningApp app = start("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer)) {
			String url = "https://localhost:" + app.port() + "/hello";

			assertThat(pki.client().get(url, good.token("alice", issuer)).statusCode()).isEqualTo(200);

			assertThat(registry(app).find(HANDSHAKES).tags("channel", "identity", "peer", "resource-server").timer())
				.isNotNull();
		}
		String wrong = wrongHost.issuerUri("localhost");
		try (RunningApp app = start("spring.security.oauth2.resourceserver.jwt.issuer-uri=" + wrong)) {
			String url = "https://localhost:" + app.port() + "/hello";

			assertThat(pki.client().get(url, wrongHost.token("alice", wrong)).statusCode()).isNotEqualTo(200);

			awaitFailure(app, "hostname_mismatch");
		}
	}

	@Test
	void plaintextIssuerUriStopsStartupInEnforceMode() {
		assertThatException()
			.isThrownBy(() -> start("spring.security.oauth2.resourceserver.jwt.issuer-uri=http://localhost:9").close())
			.havingRootCause()
			.isInstanceOf(InsecureConfigurationException.class)
			.withMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri")
			.withMessageContaining("http://localhost:9");
	}

	@Test
	void plaintextJwkSetUriStopsStartupInEnforceMode() {
		assertThatException().isThrownBy(() -> resourceServer("http://localhost:9/jwks").close())
			.havingRootCause()
			.isInstanceOf(InsecureConfigurationException.class)
			.withMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")
			.withMessageContaining("http://localhost:9/jwks");
	}

	@Test
	void plaintextJwkSetUriIsReportedInReportMode() {
		try (RunningApp app = resourceServer("http://localhost:9/jwks", "secure.comms.mode=report")) {
			assertThat(app.context().getBean(PolicyViolations.class).reported()).anySatisfy((violation) -> {
				assertThat(violation.property()).isEqualTo("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
				assertThat(violation.fix()).contains("https://");
			});
		}
	}

	@Test
	void plaintextOAuth2ClientProviderUriStopsStartupInEnforceMode() {
		assertThatException()
			.isThrownBy(() -> resourceServer(good.jwkSetUri("localhost"),
					"spring.security.oauth2.client.provider.corp.token-uri=http://localhost:9/token")
				.close())
			.havingRootCause()
			.isInstanceOf(InsecureConfigurationException.class)
			.withMessageContaining("spring.security.oauth2.client.provider.corp.token-uri");
	}

	static MeterRegistry registry(RunningApp app) {
		return app.context().getBean(MeterRegistry.class);
	}

	static void awaitFailure(RunningApp app, String reason) {
		Map<String, String> tags = Map.of("channel", "identity", "peer", "resource-server", "reason", reason);
		Awaitility.await().untilAsserted(() -> {
			Counter counter = registry(app).find(FAILURES)
				.tags("channel", "identity", "peer", "resource-server", "reason", reason)
				.counter();
			assertThat(counter).as(FAILURES + " " + tags).isNotNull();
			assertThat(counter.count()).isPositive();
		});
	}

	@EnableWebSecurity
	static class WebSecurity {

	}

}
