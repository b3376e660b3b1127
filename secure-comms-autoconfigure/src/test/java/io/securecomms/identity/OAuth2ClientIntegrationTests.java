package io.securecomms.identity;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.securecomms.actuate.PostureReport;
import io.securecomms.actuate.PostureReport.MiddlewarePosture;
import io.securecomms.actuate.SecureCommsEndpoint;
import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.testsupport.JwkSetServer;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.trust.SpkiPins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.annotation.Bean;
import org.springframework.core.ResolvableType;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A real client_credentials flow: Spring Security's {@link OAuth2AuthorizedClientManager}
 * (the one {@code @EnableWebSecurity} builds from the context's beans, as an application
 * uses it) obtains tokens from HTTPS token endpoints on loopback, one registration per
 * endpoint, each counted under {@code peer=<registration id>}.
 */
class OAuth2ClientIntegrationTests {

	static final String FAILURES = "secure.comms.tls.handshake.failures";

	static final String HANDSHAKES = "secure.comms.tls.handshakes";

	@TempDir
	static Path directory;

	static ServerPki pki;

	static JwkSetServer good;

	static JwkSetServer untrusted;

	static JwkSetServer wrongHost;

	static Issued goodIdentity;

	static RunningApp app;

	@BeforeAll
	static void start() {
		pki = ServerPki.create(directory);
		Authority idp = TestCertificates.rootCa("identity provider CA");
		idp.writePem(directory, "idp-ca");
		Authority stranger = TestCertificates.rootCa("stranger CA");
		goodIdentity = idp.issue(Spec.server("localhost"));
		good = JwkSetServer.start(goodIdentity);
		untrusted = JwkSetServer.start(stranger.issue(Spec.server("localhost")));
		wrongHost = JwkSetServer.start(idp.issue(Spec.server("other.example")));
		app = start(List.of(registration("corp", good.tokenUri("localhost")),
				registration("profile", good.tokenUri("localhost")),
				List.of("spring.security.oauth2.client.provider.profile.user-info-uri=" + good.userInfoUri("localhost"),
						"spring.security.oauth2.client.provider.profile.user-name-attribute=sub",
						"spring.security.oauth2.client.provider.profile.jwk-set-uri=" + good.jwkSetUri("localhost")),
				registration("stranger", untrusted.tokenUri("localhost")),
				registration("misnamed", wrongHost.tokenUri("localhost")))
			.stream()
			.flatMap(List::stream)
			.toList());
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		good.close();
		untrusted.close();
		wrongHost.close();
	}

	@BeforeEach
	void bindRequest() {
		// Spring Security's manager keeps authorized clients with the current request, as
		// in a controller.
		RequestContextHolder.setRequestAttributes(
				new ServletRequestAttributes(new MockHttpServletRequest(), new MockHttpServletResponse()));
	}

	@AfterEach
	void unbindRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	static List<String> registration(String id, String tokenUri) {
		String registration = "spring.security.oauth2.client.registration." + id + ".";
		return List.of(registration + "client-id=app", registration + "client-secret=secret",
				registration + "authorization-grant-type=client_credentials",
				"spring.security.oauth2.client.provider." + id + ".token-uri=" + tokenUri);
	}

	static RunningApp start(List<String> more) {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("spring.ssl.bundle.pem.idp.truststore.certificate=file:" + directory.resolve("idp-ca.crt"));
		properties.add("secure.comms.client.trust-bundle=idp");
		properties.add("management.endpoints.web.exposure.include=securecomms");
		properties.addAll(more);
		return RunningApp.start(List.of(WebSecurity.class), properties);
	}

	static OAuth2AuthorizedClient authorize(RunningApp app, String registrationId) {
		return app.context()
			.getBean(OAuth2AuthorizedClientManager.class)
			.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(registrationId).principal("app").build());
	}

	@Test
	void clientCredentialsTokenIsObtainedOverTlsOnTheIdentityChannel() {
		int before = good.tokenRequests();

		OAuth2AuthorizedClient client = authorize(app, "corp");

		assertThat(client.getAccessToken().getTokenValue()).isNotBlank();
		assertThat(good.tokenRequests()).isEqualTo(before + 1);
		Timer handshakes = registry(app).find(HANDSHAKES).tags("channel", "identity", "peer", "corp").timer();
		assertThat(handshakes).as("handshake timed on channel=identity, peer=corp").isNotNull();
		assertThat(handshakes.count()).isPositive();
	}

	@Test
	void userInfoAndTheIdTokensKeysAreReadOnTheRegistrationsClient() {
		// A registration of its own, whose first connection is made here.
		ClientRegistration profile = app.context()
			.getBean(ClientRegistrationRepository.class)
			.findByRegistrationId("profile");

		OAuth2User user = userService(app)
			.loadUser(new OAuth2UserRequest(profile, new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "token",
					Instant.now(), Instant.now().plusSeconds(60))));
		assertThat(user.getName()).isEqualTo("alice");

		int keyRequests = good.requests();
		Jwt idToken = idTokenDecoders(app).createDecoder(profile)
			.decode(good.token("alice", good.issuerUri("localhost"), "app"));
		assertThat(idToken.getSubject()).isEqualTo("alice");
		assertThat(good.requests()).isEqualTo(keyRequests + 1);

		assertThat(handshakes(app, "profile")).as("user-info and JWK set on channel=identity, peer=profile")
			.isPositive();
	}

	@SuppressWarnings("unchecked")
	static OAuth2UserService<OAuth2UserRequest, OAuth2User> userService(RunningApp app) {
		return (OAuth2UserService<OAuth2UserRequest, OAuth2User>) app.context()
			.getBeanProvider(ResolvableType.forClassWithGenerics(OAuth2UserService.class, OAuth2UserRequest.class,
					OAuth2User.class))
			.getObject();
	}

	@SuppressWarnings("unchecked")
	static JwtDecoderFactory<ClientRegistration> idTokenDecoders(RunningApp app) {
		return (JwtDecoderFactory<ClientRegistration>) app.context()
			.getBeanProvider(ResolvableType.forClassWithGenerics(JwtDecoderFactory.class, ClientRegistration.class))
			.getObject();
	}

	static long handshakes(RunningApp app, String peer) {
		return registry(app).find(HANDSHAKES)
			.tags("channel", "identity", "peer", peer)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	@Test
	void untrustedTokenEndpointIsRefusedAndCounted() {
		double before = failures(app, "stranger", "cert_untrusted");

		assertThatException().isThrownBy(() -> authorize(app, "stranger"))
			.withStackTraceContaining("issuer 'O=secure-comms tests,CN=stranger CA'");

		assertThat(untrusted.tokenRequests()).isZero();
		assertThat(failures(app, "stranger", "cert_untrusted")).isEqualTo(before + 1);
	}

	@Test
	void wrongHostTokenEndpointIsRefusedAndCounted() {
		double before = failures(app, "misnamed", "hostname_mismatch");

		assertThatException().isThrownBy(() -> authorize(app, "misnamed"))
			.withStackTraceContaining("is not valid for host 'localhost'");

		assertThat(wrongHost.tokenRequests()).isZero();
		assertThat(failures(app, "misnamed", "hostname_mismatch")).isEqualTo(before + 1);
	}

	@Test
	void eachTokenEndpointIsListedInThePosture() {
		PostureReport report = app.context().getBean(SecureCommsEndpoint.class).posture();
		List<MiddlewarePosture> identity = report.middleware()
			.stream()
			.filter((connection) -> connection.channel().equals("identity"))
			.toList();

		assertThat(identity).hasSize(4).allSatisfy((connection) -> {
			assertThat(connection.status()).isEqualTo("tls");
			assertThat(connection.trustSource()).isEqualTo("idp (secure.comms.client.trust-bundle)");
		});
		assertThat(identity).anySatisfy((connection) -> {
			assertThat(connection.client()).startsWith("corp (spring.security.oauth2.client.provider.corp");
			assertThat(connection.hosts()).containsExactly("localhost:" + port(good.tokenUri("localhost")));
		});
	}

	@Test
	void aTargetEntryWithAWrongPinForTheProvidersHostIsRefusedAsPinMismatch() {
		// The pin of a key the token endpoint does not present: its path is trusted, but
		// not pinned.
		String otherPin = SpkiPins.pinOf(TestCertificates.rootCa("unrelated CA").certificate());
		List<String> properties = new ArrayList<>(registration("pinned", good.tokenUri("localhost")));
		properties.add("secure.comms.client.targets.idp.hosts=localhost");
		properties.add("secure.comms.client.targets.idp.pins=" + otherPin);
		try (RunningApp pinned = start(properties)) {
			assertThatException().isThrownBy(() -> authorize(pinned, "pinned"))
				.withStackTraceContaining("no certificate of the server's chain matches the configured pins");

			assertThat(failures(pinned, "pinned", "pin_mismatch")).isEqualTo(1);
			assertThat(pinned.context().getBean(SecureCommsEndpoint.class).posture().middleware())
				.anySatisfy((connection) -> assertThat(connection.trustSource()).isEqualTo(
						"idp (secure.comms.client.trust-bundle), pinned (secure.comms.client.targets.idp.pins)"));
		}
	}

	@Test
	void theApplicationsOwnTokenResponseClientWinsAndThePostureSaysSo() {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("management.endpoints.web.exposure.include=securecomms");
		properties.addAll(registration("own", good.tokenUri("localhost")));
		try (RunningApp own = RunningApp.start(List.of(WebSecurity.class, OwnTokenClient.class), properties)) {
			assertThat(own.context().containsBean("secureCommsClientCredentialsTokenResponseClient")).isFalse();
			assertThat(own.context().getBean(SecureCommsEndpoint.class).posture().middleware())
				.filteredOn((connection) -> connection.channel().equals("identity"))
				.singleElement()
				.satisfies((connection) -> assertThat(connection.client()).contains("on the application's own "
						+ "OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> bean 'ownTokenClient', "
						+ "whose HTTP client is the application's"));
		}
	}

	@Test
	void plaintextTokenUriStopsStartupInEnforceMode() {
		assertThatException().isThrownBy(() -> start(registration("plain", "http://localhost:9/token")).close())
			.havingRootCause()
			.isInstanceOf(InsecureConfigurationException.class)
			.withMessageContaining("spring.security.oauth2.client.provider.plain.token-uri")
			.withMessageContaining("http://localhost:9/token");
	}

	@Test
	void plaintextTokenUriIsAViolationEvenWhenMiddlewareMayBePlaintext() {
		List<String> properties = new ArrayList<>(registration("plain", "http://localhost:9/token"));
		properties.add("secure.comms.middleware.require-tls=false");
		assertThatException().isThrownBy(() -> start(properties).close())
			.havingRootCause()
			.isInstanceOf(InsecureConfigurationException.class)
			.withMessageContaining("spring.security.oauth2.client.provider.plain.token-uri");
	}

	static int port(String uri) {
		return java.net.URI.create(uri).getPort();
	}

	static MeterRegistry registry(RunningApp app) {
		return app.context().getBean(MeterRegistry.class);
	}

	static double failures(RunningApp app, String peer, String reason) {
		Counter counter = registry(app).find(FAILURES)
			.tags("channel", "identity", "direction", "outbound", "peer", peer, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@EnableWebSecurity
	static class WebSecurity {

	}

	static class OwnTokenClient {

		@Bean
		OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> ownTokenClient() {
			return new RestClientClientCredentialsTokenResponseClient();
		}

	}

}
