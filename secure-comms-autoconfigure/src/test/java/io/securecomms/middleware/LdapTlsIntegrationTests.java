package io.securecomms.middleware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ldap.autoconfigure.LdapConnectionDetails;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.core.support.DefaultTlsDirContextAuthenticationStrategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.springframework.ldap.query.LdapQueryBuilder.query;

/**
 * Boot's LDAP context source ({@code spring.ldap.*}) against a real directory on loopback
 * over LDAPS and over StartTLS: it trusts only
 * {@code secure.comms.middleware.trust-bundle}, checks the host name, counts every
 * handshake on the {@code ldap} channel, and an {@code ldap://} URL without StartTLS
 * stops startup.
 */
@ExtendWith(OutputCaptureExtension.class)
class LdapTlsIntegrationTests {

	@TempDir
	static Path directory;

	static TlsDirectory server;

	@BeforeAll
	static void directory() throws Exception {
		Authority ca = TestCertificates.rootCa("directory CA");
		ca.writePem(directory, "ca");
		server = TlsDirectory.builder()
			.ldaps("ldaps", ca.issue(Spec.server("localhost")))
			.startTls("starttls", ca.issue(Spec.server("localhost")))
			.ldaps("stranger", TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")))
			.ldaps("elsewhere", ca.issue(Spec.server("ldap.example")))
			.startTls("starttls-elsewhere", ca.issue(Spec.server("ldap.example")))
			.plaintext("plaintext")
			.start();
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void overLdapsASearchWorksAndTheHandshakeIsTimedOnTheLdapChannel() {
		try (ConfigurableApplicationContext app = start(url("ldaps", "ldaps"))) {
			assertThat(people(app)).containsExactly("Ada Lovelace");
			MiddlewareApp.awaitHandshake(app, "ldap", peer("ldaps"));
			assertThat(MiddlewareApp.failures(app)).isZero();
			assertThat(MiddlewareApp.onlyConnection(app).status()).isEqualTo(MiddlewareConnections.Status.TLS);
			assertThat(MiddlewareApp.onlyConnection(app).connection().hostnameVerified()).isTrue();
		}
	}

	@Test
	void withAConnectTimeoutJndiConnectsAnUnconnectedSocketAndTheHostIsStillChecked() {
		String timeout = "spring.ldap.base-environment[com.sun.jndi.ldap.connect.timeout]=5000";
		try (ConfigurableApplicationContext app = start(url("ldaps", "ldaps"), timeout)) {
			assertThat(people(app)).containsExactly("Ada Lovelace");
			MiddlewareApp.awaitHandshake(app, "ldap", peer("ldaps"));
		}
		assertRefused(url("ldaps", "elsewhere"), "elsewhere", "hostname_mismatch", "is not valid for host 'localhost'",
				timeout);
	}

	@Test
	void aSocketFactoryOfTheApplicationsStopsStartupInEnforceMode(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(url("ldaps", "ldaps"),
				"spring.ldap.base-environment[java.naming.ldap.factory.socket]=com.example.TrustAllSocketFactory"));
		assertThat(output).contains(
				"spring.ldap.base-environment[java.naming.ldap.factory.socket] = "
						+ "'com.example.TrustAllSocketFactory': replaces the starter's socket factory",
				"remove it: the starter sets its own socket factory for ldaps:// URLs");
	}

	@Test
	void overRequiredStartTlsASearchWorksOnThePolicy() {
		try (ConfigurableApplicationContext app = start(List.of(StartTls.class), url("ldap", "starttls"))) {
			assertThat(people(app)).containsExactly("Ada Lovelace");
			MiddlewareApp.awaitHandshake(app, "ldap", peer("starttls"));
			assertThat(MiddlewareApp.failures(app)).isZero();
			assertThat(MiddlewareApp.onlyConnection(app).status()).isEqualTo(MiddlewareConnections.Status.TLS);
		}
	}

	@Test
	void aDirectoryCertificateFromAnotherCaIsRefused() {
		assertRefused(url("ldaps", "stranger"), "stranger", "cert_untrusted",
				"is not trusted: its CA is not in secure.comms.middleware.trust-bundle");
	}

	@Test
	void aDirectoryCertificateForAnotherHostIsRefused() {
		assertRefused(url("ldaps", "elsewhere"), "elsewhere", "hostname_mismatch", "is not valid for host 'localhost'");
	}

	@Test
	void overStartTlsACertificateForAnotherHostIsRefusedToo() {
		try (ConfigurableApplicationContext app = start(List.of(StartTls.class), url("ldap", "starttls-elsewhere"))) {
			assertThatException().isThrownBy(() -> people(app))
				.withStackTraceContaining("is not valid for host 'localhost'");
			MiddlewareApp.awaitOneFailureNotCheckingOthers(app, "ldap", peer("starttls-elsewhere"),
					"hostname_mismatch");
		}
	}

	@Test
	void anLdapUrlWithoutStartTlsStopsStartupInEnforceMode(CapturedOutput output) {
		String url = url("ldap", "plaintext");
		assertThatException().isThrownBy(() -> start(url)).withStackTraceContaining("spring.ldap.urls=" + url);
		assertThat(output).contains(
				"spring.ldap.urls = '" + url + "': connects to the directory in plaintext (ldap:// without StartTLS)",
				"use ldaps:// URLs (port 636), or require StartTLS with a DefaultTlsDirContextAuthenticationStrategy bean");
	}

	@Test
	void anLdapUrlWithoutStartTlsStartsWithAWarningInReportMode(CapturedOutput output) {
		String url = url("ldap", "plaintext");
		try (ConfigurableApplicationContext app = start(url, "secure.comms.mode=report")) {
			assertThat(people(app)).containsExactly("Ada Lovelace");
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: spring.ldap.urls=" + url
					+ ": connects to the directory in plaintext");
			assertThat(MiddlewareApp.onlyConnection(app).status()).isEqualTo(MiddlewareConnections.Status.WEAKENED);
			assertThat(MiddlewareApp.onlyConnection(app).weaknesses()).hasSize(1);
		}
	}

	@Test
	void plaintextAllowedForTheLdapChannelStartsAndIsShown() {
		try (ConfigurableApplicationContext app = start(url("ldap", "plaintext"),
				"secure.comms.middleware.plaintext-allowed=ldap")) {
			assertThat(people(app)).containsExactly("Ada Lovelace");
			assertThat(MiddlewareApp.onlyConnection(app).status())
				.isEqualTo(MiddlewareConnections.Status.PLAINTEXT_ALLOWED);
		}
	}

	@Test
	void bootsContextSourceOnItsDefaultUrlIsLeftAloneWithANote(CapturedOutput output) {
		try (ConfigurableApplicationContext app = MiddlewareApp.start(List.of())) {
			MiddlewareApp.assertUnconfigured(app, "ldap");
			assertThat(output).contains("secure-comms does not check LDAP context source 'ldapContextSource' "
					+ "[ldap://localhost:389]: spring.ldap.urls is not set");
		}
	}

	@Test
	void aPlaintextUrlFromConnectionDetailsStopsStartupToo(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> MiddlewareApp.start(List.of(PlaintextConnectionDetails.class), List.of()));
		assertThat(output).contains(
				"spring.ldap.urls = '" + url("ldap", "plaintext") + "': connects to the " + "directory in plaintext");
	}

	private static void assertRefused(String url, String listener, String reason, String why, String... extra) {
		try (ConfigurableApplicationContext app = start(url, extra)) {
			assertThatException().isThrownBy(() -> people(app)).withStackTraceContaining(why);
			MiddlewareApp.awaitOneFailureNotCheckingOthers(app, "ldap", peer(listener), reason);
			MiddlewareApp.assertNoHandshake(app);
		}
	}

	private static String url(String scheme, String listener) {
		return scheme + "://localhost:" + server.port(listener);
	}

	private static ConfigurableApplicationContext start(String url, String... extra) {
		return start(List.of(), url, extra);
	}

	private static ConfigurableApplicationContext start(List<Class<?>> configurations, String url, String... extra) {
		List<String> properties = new ArrayList<>(
				List.of("spring.ldap.urls=" + url, "spring.ldap.base=" + TlsDirectory.BASE,
						"spring.ldap.username=" + TlsDirectory.USER, "spring.ldap.password=" + TlsDirectory.PASSWORD,
						"secure.comms.middleware.trust-bundle=directory", "secure.comms.middleware.revocation=off",
						"spring.ssl.bundle.pem.directory.truststore.certificate=file:" + directory.resolve("ca.crt")));
		properties.addAll(List.of(extra));
		return MiddlewareApp.start(configurations, properties);
	}

	private static List<String> people(ConfigurableApplicationContext app) {
		return app.getBean(LdapTemplate.class)
			.search(query().where("objectClass").is("person"),
					(AttributesMapper<String>) (attributes) -> (String) attributes.get("cn").get());
	}

	private static String peer(String listener) {
		return "localhost:" + server.port(listener);
	}

	/**
	 * Connection details, as Testcontainers' service connections provide, with a
	 * plaintext URL.
	 */
	@Import(TestApplication.class)
	static class PlaintextConnectionDetails {

		@Bean
		LdapConnectionDetails plaintextDirectory() {
			return () -> new String[] { url("ldap", "plaintext") };
		}

	}

	/**
	 * The application opts in to StartTLS as Spring LDAP does: a StartTLS authentication
	 * strategy bean.
	 */
	@Import(TestApplication.class)
	static class StartTls {

		@Bean
		DefaultTlsDirContextAuthenticationStrategy startTls() {
			return new DefaultTlsDirContextAuthenticationStrategy();
		}

	}

}
