package io.securecomms.identity;

import java.util.List;
import java.util.Map;

import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.testsupport.RunningApp;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class Saml2RelyingPartyUriCheckTests {

	private final Saml2RelyingPartyUriCheck check = new Saml2RelyingPartyUriCheck();

	@Test
	void httpsUrlsBootTemplatesAndLocalMetadataPass() {
		assertThat(this.check.check(Map.of("okta",
				Map.of("assertingparty.metadata-uri", "https://idp.example/metadata", "assertingparty.singlesignon.url",
						"https://idp.example/sso", "acs.location", "{baseUrl}/login/saml2/sso/{registrationId}",
						"singlelogout.url", "/logout/saml2/slo"),
				"local", Map.of("assertingparty.metadata-uri", "classpath:saml/idp.xml"))))
			.isEmpty();
	}

	@Test
	void plaintextMetadataUriNamesItsPropertyAndTheKeys() {
		assertThat(
				this.check.check(Map.of("corp", Map.of("assertingparty.metadata-uri", "http://idp.example/metadata"))))
			.singleElement()
			.satisfies((violation) -> {
				assertThat(violation.property())
					.isEqualTo("spring.security.saml2.relyingparty.registration.corp.assertingparty.metadata-uri");
				assertThat(violation.value()).isEqualTo("http://idp.example/metadata");
				assertThat(violation.problem()).contains("signing keys");
				assertThat(violation.fix()).isEqualTo("use an https:// URL in "
						+ "spring.security.saml2.relyingparty.registration.corp.assertingparty.metadata-uri");
			});
	}

	@Test
	void eachPlaintextUrlNamesItsProperty() {
		assertThat(this.check.check(Map.of("corp",
				Map.of("assertingparty.singlesignon.url", "http://idp.example/sso", "assertingparty.singlelogout.url",
						"HTTP://idp.example/slo", "assertingparty.singlelogout.response-url",
						"http://idp.example/slo/response", "acs.location", "http://app.example/login/saml2/sso/corp",
						"singlelogout.url", "http://app.example/logout", "singlelogout.response-url",
						"http://app.example/logout/response", "entity-id", "http://app.example/not-fetched"))))
			.extracting((violation) -> violation.property())
			.containsExactlyInAnyOrder(
					"spring.security.saml2.relyingparty.registration.corp.assertingparty.singlesignon.url",
					"spring.security.saml2.relyingparty.registration.corp.assertingparty.singlelogout.url",
					"spring.security.saml2.relyingparty.registration.corp.assertingparty.singlelogout.response-url",
					"spring.security.saml2.relyingparty.registration.corp.acs.location",
					"spring.security.saml2.relyingparty.registration.corp.singlelogout.url",
					"spring.security.saml2.relyingparty.registration.corp.singlelogout.response-url");
	}

	/**
	 * Bound from the properties alone: Spring Security's SAML 2 (and OpenSAML) need not
	 * be on the class path.
	 */
	@Test
	void plaintextMetadataUriStopsStartupInEnforceMode() {
		assertThatException().isThrownBy(() -> RunningApp.start(List.of("server.ssl.enabled=false",
				"secure.comms.server.require-tls=false",
				"spring.security.saml2.relyingparty.registration.corp.assertingparty.metadata-uri=http://idp.example/metadata"))
			.close())
			.havingRootCause()
			.isInstanceOf(InsecureConfigurationException.class)
			.withMessageContaining("spring.security.saml2.relyingparty.registration.corp.assertingparty.metadata-uri")
			.withMessageContaining("http://idp.example/metadata");
	}

}
