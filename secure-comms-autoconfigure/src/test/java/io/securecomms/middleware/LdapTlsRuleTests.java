package io.securecomms.middleware;

import java.util.List;
import java.util.Map;

import io.securecomms.middleware.LdapTlsRule.LdapSettings;
import io.securecomms.policy.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LdapTlsRuleTests {

	private static final String STARTER = LdapTlsSocketFactory.class.getName();

	private final LdapTlsRule rule = new LdapTlsRule(STARTER);

	@Test
	void ldapsUrlsAreVerifiedTls() {
		assertThat(this.rule.weaknesses(settings(List.of("ldaps://ldap.example:636"), Map.of(), false))).isEmpty();
	}

	@Test
	void ldapUrlsWithTheStartTlsStrategyAreVerifiedTls() {
		assertThat(this.rule.weaknesses(settings(List.of("ldap://ldap.example"), Map.of(), true))).isEmpty();
	}

	@Test
	void ldapUrlsWithoutStartTlsArePlaintextNamingBootsProperty() {
		List<Violation> weaknesses = this.rule
			.weaknesses(settings(List.of("ldaps://one.example", "LDAP://two.example:389"), Map.of(), false));

		assertThat(weaknesses).singleElement().satisfies((violation) -> {
			assertThat(violation.property()).isEqualTo("spring.ldap.urls");
			assertThat(violation.value()).isEqualTo("LDAP://two.example:389");
			assertThat(violation.problem()).contains("plaintext");
			assertThat(violation.fix()).contains("ldaps://", "DefaultTlsDirContextAuthenticationStrategy");
		});
	}

	@Test
	void jndisSslSecurityProtocolIsTlsFromTheFirstByte() {
		Map<String, String> ssl = Map.of("java.naming.security.protocol", "ssl");

		assertThat(this.rule.weaknesses(settings(List.of("ldap://ldap.example:636"), ssl, false))).isEmpty();
		assertThat(LdapTlsRule.ldaps(List.of("ldap://ldap.example:636"), ssl)).isTrue();
	}

	@Test
	void ldapsWithStartTlsOnTopIsRefused() {
		assertThat(this.rule.weaknesses(settings(List.of("ldaps://ldap.example"), Map.of(), true))).singleElement()
			.satisfies((violation) -> assertThat(violation.problem()).contains("mixes ldaps:// with StartTLS"));
	}

	@Test
	void aSocketFactoryOfTheApplicationsIsAWeakness() {
		List<Violation> weaknesses = this.rule.weaknesses(settings(List.of("ldaps://ldap.example"),
				Map.of("java.naming.ldap.factory.socket", "com.example.TrustAllFactory"), false));

		assertThat(weaknesses).singleElement().satisfies((violation) -> {
			assertThat(violation.property()).isEqualTo("spring.ldap.base-environment[java.naming.ldap.factory.socket]");
			assertThat(violation.value()).isEqualTo("com.example.TrustAllFactory");
			assertThat(violation.fix()).contains("remove it");
		});
	}

	@Test
	void theStartersOwnSocketFactoryIsNoWeakness() {
		assertThat(this.rule.weaknesses(
				settings(List.of("ldaps://ldap.example"), Map.of("java.naming.ldap.factory.socket", STARTER), false)))
			.isEmpty();
	}

	@Test
	void endpointIdentificationTurnedOffInTheEnvironmentIsAWeakness() {
		for (String value : List.of("true", "", "TRUE")) {
			assertThat(this.rule.weaknesses(settings(List.of("ldaps://ldap.example"),
					Map.of(LdapTlsRule.DISABLE_ENDPOINT_IDENTIFICATION, value), false)))
				.singleElement()
				.satisfies((violation) -> assertThat(violation.property())
					.isEqualTo("spring.ldap.base-environment[com.sun.jndi.ldap.object.disableEndpointIdentification]"));
		}
		assertThat(this.rule.weaknesses(settings(List.of("ldaps://ldap.example"),
				Map.of(LdapTlsRule.DISABLE_ENDPOINT_IDENTIFICATION, "false"), false)))
			.isEmpty();
	}

	@Test
	void endpointIdentificationTurnedOffByTheSystemPropertyIsAWeakness() {
		LdapSettings settings = new LdapSettings("spring.ldap.urls", "spring.ldap.base-environment",
				List.of("ldaps://ldap.example"), Map.of(), false, null, false, "true");

		assertThat(this.rule.weaknesses(settings)).singleElement()
			.satisfies((violation) -> assertThat(violation.property())
				.isEqualTo("system property com.sun.jndi.ldap.object.disableEndpointIdentification"));
	}

	@Test
	void aStartTlsVerifierThatAcceptsAnyHostIsAWeakness() {
		LdapSettings settings = new LdapSettings("spring.ldap.urls", "spring.ldap.base-environment",
				List.of("ldap://ldap.example"), Map.of(), true, "com.example.AnyHost", true, null);

		assertThat(this.rule.weaknesses(settings)).singleElement().satisfies((violation) -> {
			assertThat(violation.value()).isEqualTo("com.example.AnyHost");
			assertThat(violation.problem()).contains("any host");
		});
	}

	@Test
	void hostsCarryTheDefaultPorts() {
		assertThat(
				LdapTlsRule.hosts(List.of("ldaps://one.example", "ldap://two.example", "ldaps://three.example:1636/")))
			.containsExactly("one.example:636", "two.example:389", "three.example:1636");
	}

	private static LdapSettings settings(List<String> urls, Map<String, String> environment, boolean startTls) {
		return new LdapSettings("spring.ldap.urls", "spring.ldap.base-environment", urls, environment, startTls, null,
				false, null);
	}

}
