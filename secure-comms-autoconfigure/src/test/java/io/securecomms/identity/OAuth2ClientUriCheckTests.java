package io.securecomms.identity;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OAuth2ClientUriCheckTests {

	private final OAuth2ClientUriCheck check = new OAuth2ClientUriCheck();

	@Test
	void httpsEndpointsPass() {
		assertThat(this.check.check(Map.of("okta", Map.of("issuer-uri", "https://idp.example", "token-uri",
				"https://idp.example/token", "client-name", "not a URI"))))
			.isEmpty();
	}

	@Test
	void eachPlaintextEndpointNamesItsProperty() {
		assertThat(this.check.check(Map.of("corp",
				Map.of("token-uri", "http://idp.example/token", "user-info-uri", "http://idp.example/me", "jwk-set-uri",
						"https://idp.example/jwks"))))
			.extracting((violation) -> violation.property())
			.containsExactlyInAnyOrder("spring.security.oauth2.client.provider.corp.token-uri",
					"spring.security.oauth2.client.provider.corp.user-info-uri");
	}

	@Test
	void fixNamesHttps() {
		assertThat(this.check.check(Map.of("corp", Map.of("issuer-uri", "http://idp.example")))).singleElement()
			.satisfies((violation) -> assertThat(violation.fix()).isEqualTo(
					"use the provider's https:// URI in spring.security.oauth2.client.provider.corp.issuer-uri"));
	}

}
