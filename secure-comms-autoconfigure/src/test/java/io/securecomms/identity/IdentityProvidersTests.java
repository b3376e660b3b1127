package io.securecomms.identity;

import java.util.List;
import java.util.Map;

import io.securecomms.client.OutboundTargets;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareConnections.Entry;
import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IdentityProvidersTests {

	private final OutboundTargets targets = new OutboundTargets(
			new ClientTls("corp-ca", false, null, List.of(), null, IdentityPatterns.none()),
			List.of(new OutboundTargets.Target("partner-idp", List.of("login.partner.example"),
					new ClientTls("partner-ca", false, null, List.of("sha256/AAAA"), null, IdentityPatterns.none()))));

	@Test
	void eachProviderIsListedWithItsHostsTrustAndRegistrations() {
		MiddlewareConnections connections = connections(Mode.ENFORCE, true);
		IdentityProviders providers = new IdentityProviders(this.targets, connections);

		providers.oauth2Client(
				Map.of("web", Map.of("provider", "corp"), "batch", Map.of("provider", "corp"), "partner", Map.of(),
						"google", Map.of()),
				Map.of("corp",
						Map.of("issuer-uri", "https://idp.example", "token-uri", "https://idp.example:8443/token"),
						"partner", Map.of("token-uri", "https://login.partner.example/oauth/token")));

		assertThat(connections.entries()).extracting((entry) -> entry.connection().client())
			.containsExactly("corp (spring.security.oauth2.client.provider.corp; registrations batch, web)",
					"partner (spring.security.oauth2.client.provider.partner; registrations partner)",
					"google (spring.security.oauth2.client.registration.google, Spring Security's built-in provider 'google')");
		Entry corp = connections.entries().get(0);
		assertThat(corp.connection().hosts()).containsExactly("idp.example:443", "idp.example:8443");
		assertThat(corp.connection().trustSource()).isEqualTo("corp-ca (secure.comms.client.trust-bundle)");
		assertThat(corp.status()).isEqualTo(MiddlewareConnections.Status.TLS);
		assertThat(connections.entries().get(1).connection().trustSource()).isEqualTo(
				"partner-ca (secure.comms.client.targets.partner-idp.trust-bundle), pinned (secure.comms.client.targets.partner-idp.pins)");
	}

	@Test
	void plaintextIdentityUriIsAViolationEvenWhenMiddlewareNeedNotUseTls() {
		IdentityProviders providers = new IdentityProviders(this.targets, connections(Mode.ENFORCE, false));

		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> providers.resourceServer(null, "http://idp.example/jwks"))
			.withMessageContaining("spring.security.oauth2.resourceserver.jwt.jwk-set-uri");
	}

	@Test
	void reportModeListsThePlaintextProviderAsWeakened() {
		PolicyViolations violations = new PolicyViolations(Mode.REPORT);
		MiddlewareConnections connections = new MiddlewareConnections(true, List.of(), violations);
		new IdentityProviders(this.targets, connections)
			.saml2(Map.of("corp", Map.of("assertingparty.metadata-uri", "http://idp.example/metadata")));

		assertThat(connections.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.WEAKENED);
			assertThat(entry.connection().hosts()).containsExactly("idp.example:80");
			assertThat(entry.weaknesses()).singleElement()
				.asString()
				.contains("spring.security.saml2.relyingparty.registration.corp.assertingparty.metadata-uri");
		});
		assertThat(violations.reported()).hasSize(1);
	}

	@Test
	void noResourceServerUriMeansNoEntry() {
		MiddlewareConnections connections = connections(Mode.ENFORCE, true);
		new IdentityProviders(this.targets, connections).resourceServer(null, " ");

		assertThat(connections.entries()).isEmpty();
	}

	private static MiddlewareConnections connections(Mode mode, boolean requireTls) {
		return new MiddlewareConnections(requireTls, List.of(), new PolicyViolations(mode));
	}

}
