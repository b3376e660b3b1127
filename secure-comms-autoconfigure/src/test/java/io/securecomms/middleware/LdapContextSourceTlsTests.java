package io.securecomms.middleware;

import java.util.List;
import java.util.Map;

import javax.net.ssl.HostnameVerifier;

import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsProfile;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.PolicySslContext;
import io.securecomms.trust.RevocationMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.ldap.core.support.AbstractContextSource;
import org.springframework.ldap.core.support.DefaultTlsDirContextAuthenticationStrategy;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.test.util.ReflectionTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LdapContextSourceTlsTests {

	private static final TlsPolicy POLICY = new TlsPolicy(TlsProfile.INTERMEDIATE, List.of("TLSv1.3", "TLSv1.2"),
			List.of("TLS_AES_256_GCM_SHA384"), List.of("x25519"));

	@Test
	void ldapsGetsTheStartersSocketFactoryUntilTheContextCloses() {
		MiddlewareConnections connections = connections(Mode.ENFORCE);
		LdapContextSource source = source("ldaps://ldap.example");
		try (LdapContextSourceTls tls = tls(connections)) {
			tls.apply("ldapContextSource", source, false);

			assertThat(environment(source)).containsEntry("java.naming.ldap.factory.socket",
					LdapTlsSocketFactory.class.getName());
			assertThat(LdapTlsSocketFactory.getDefault().getClass().getEnclosingClass())
				.isEqualTo(PolicySslContext.class);
			assertThat(connections.entries()).singleElement().satisfies((entry) -> {
				assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.TLS);
				assertThat(entry.connection().hosts()).containsExactly("ldap.example:636");
				assertThat(entry.connection().hostnameVerified()).isTrue();
			});
		}
		assertThatIllegalStateException().isThrownBy(LdapTlsSocketFactory::getDefault);
	}

	@Test
	void startTlsGetsThePolicysSocketFactoryAndNoVerifierThatWidensTheHostCheck() {
		LdapContextSource source = source("ldap://ldap.example");
		DefaultTlsDirContextAuthenticationStrategy startTls = new DefaultTlsDirContextAuthenticationStrategy();
		source.setAuthenticationStrategy(startTls);
		try (LdapContextSourceTls tls = tls(connections(Mode.ENFORCE))) {
			tls.apply("ldapContextSource", source, false);
		}

		assertThat(ReflectionTestUtils.getField(startTls, "sslSocketFactory").getClass().getEnclosingClass())
			.isEqualTo(PolicySslContext.class);
		assertThat(ReflectionTestUtils.getField(startTls, "hostnameVerifier"))
			.isSameAs(LdapContextSourceTls.NO_OTHER_HOST);
		assertThat(environment(source)).doesNotContainKey("java.naming.ldap.factory.socket");
	}

	@Test
	void aStartTlsVerifierThatAcceptsAnyHostStopsStartup() {
		LdapContextSource source = source("ldap://ldap.example");
		DefaultTlsDirContextAuthenticationStrategy startTls = new DefaultTlsDirContextAuthenticationStrategy();
		startTls.setHostnameVerifier((host, session) -> true);
		source.setAuthenticationStrategy(startTls);

		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> tls(connections(Mode.ENFORCE)).apply("ldapContextSource", source, false))
			.withMessageContaining("accepts a server certificate issued for any host");
	}

	@Test
	void aSocketFactoryOfTheApplicationsIsLeftAsItIsInReportModeAndShownAsUnverified() {
		MiddlewareConnections connections = connections(Mode.REPORT);
		LdapContextSource source = source("ldaps://ldap.example");
		source.setBaseEnvironmentProperties(Map.of("java.naming.ldap.factory.socket", "com.example.TrustAll"));
		try (LdapContextSourceTls tls = tls(connections)) {
			tls.apply("ldapContextSource", source, false);
		}

		assertThat(environment(source)).containsEntry("java.naming.ldap.factory.socket", "com.example.TrustAll");
		assertThat(connections.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.WEAKENED);
			assertThat(entry.connection().hostnameVerified()).isFalse();
			assertThat(entry.weaknesses()).singleElement()
				.asString()
				.startsWith("spring.ldap.base-environment[java.naming.ldap.factory.socket]=com.example.TrustAll");
		});
	}

	@Test
	void anApplicationsOwnContextSourceIsNamedByItsBean() {
		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> tls(connections(Mode.ENFORCE)).apply("securityContextSource",
					source("ldap://ldap.example"), false))
			.withMessageContaining("LDAP context source 'securityContextSource' urls=ldap://ldap.example");
	}

	@Test
	void bootsContextSourceOnItsDefaultUrlIsLeftAlone() {
		MiddlewareConnections connections = connections(Mode.ENFORCE);
		tls(connections).apply("ldapContextSource", source("ldap://localhost:389"), true);

		assertThat(connections.entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.UNCONFIGURED));
	}

	@Test
	void aVerifierIsAskedAboutAHostNoCertificateWasShownFor() {
		HostnameVerifier strict = (host, session) -> {
			try {
				return session.getPeerCertificates().length > 0;
			}
			catch (Exception ex) {
				return false;
			}
		};
		assertThat(LdapContextSourceTls.acceptsAnyHost((host, session) -> true)).isTrue();
		assertThat(LdapContextSourceTls.acceptsAnyHost(strict)).isFalse();
		assertThat(LdapContextSourceTls.acceptsAnyHost(LdapContextSourceTls.NO_OTHER_HOST)).isFalse();
	}

	private static LdapContextSource source(String url) {
		LdapContextSource source = new LdapContextSource();
		source.setUrl(url);
		return source;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(AbstractContextSource source) {
		return (Map<String, Object>) ReflectionTestUtils.getField(source, AbstractContextSource.class, "baseEnv");
	}

	private static MiddlewareConnections connections(Mode mode) {
		return new MiddlewareConnections(true, List.of(), new PolicyViolations(mode));
	}

	private static LdapContextSourceTls tls(MiddlewareConnections connections) {
		return new LdapContextSourceTls(
				new MiddlewareTls(
						new ClientTls(null, false, null, List.of(), RevocationMode.OFF, IdentityPatterns.none()),
						POLICY, Mode.ENFORCE, new DefaultSslBundleRegistry(), new HandshakeEvents(List.of())),
				connections);
	}

}
