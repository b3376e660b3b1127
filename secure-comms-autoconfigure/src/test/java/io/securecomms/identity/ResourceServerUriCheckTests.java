package io.securecomms.identity;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceServerUriCheckTests {

	private final ResourceServerUriCheck check = new ResourceServerUriCheck();

	@Test
	void httpsUrisAndUnsetUrisPass() {
		assertThat(this.check.check("https://idp.example/realms/a", "HTTPS://idp.example/jwks")).isEmpty();
		assertThat(this.check.check(null, null)).isEmpty();
		assertThat(this.check.check("", " ")).isEmpty();
	}

	@Test
	void plaintextIssuerUriNamesItsProperty() {
		assertThat(this.check.check("http://idp.example/realms/a", null)).singleElement().satisfies((violation) -> {
			assertThat(violation.property()).isEqualTo("spring.security.oauth2.resourceserver.jwt.issuer-uri");
			assertThat(violation.value()).isEqualTo("http://idp.example/realms/a");
			assertThat(violation.fix()).contains("https://");
		});
	}

	@Test
	void plaintextJwkSetUriNamesItsProperty() {
		assertThat(this.check.check("https://idp.example", "http://idp.example/jwks")).singleElement()
			.satisfies((violation) -> assertThat(violation.property())
				.isEqualTo("spring.security.oauth2.resourceserver.jwt.jwk-set-uri"));
	}

	@Test
	void bothPlaintextUrisAreBothReported() {
		assertThat(this.check.check("http://idp.example", "http://idp.example/jwks")).hasSize(2);
	}

}
