package io.securecomms.jdbc;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.securecomms.testsupport.JdbcApp;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * JDBC against a real PostgreSQL with TLS, through a Spring Boot DataSource built from
 * {@code spring.datasource.url}: the starter upgrades a URL that says nothing, trusts
 * only the JDBC bundle, checks the host name, refuses plaintext, presents the identity
 * bundle, and counts every failure.
 */
@ExtendWith(OutputCaptureExtension.class)
class PostgresTlsIntegrationTests {

	@TempDir
	static Path directory;

	static Authority ca;

	static Authority clientCa;

	static TlsPostgres good;

	@BeforeAll
	static void servers() {
		ca = TestCertificates.rootCa("database CA");
		ca.writePem(directory, "ca");
		clientCa = TestCertificates.rootCa("database client CA");
		clientCa.issue(Spec.client("certuser")).writePem(directory, "certuser");
		good = TlsPostgres.presenting(ca.issue(Spec.server("localhost")), clientCa);
	}

	@AfterAll
	static void stop() throws Exception {
		good.close();
	}

	@Test
	void aUrlWithoutTlsParametersIsUpgradedAndTheSessionIsEncrypted(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(good.url("localhost"))) {
			Map<String, Object> ssl = app.getBean(JdbcTemplate.class)
				.queryForMap("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()");

			assertThat(ssl.get("ssl")).isEqualTo(true);
			assertThat((String) ssl.get("version")).isIn("TLSv1.2", "TLSv1.3");
			assertThat(output).contains("secure-comms put data source 'dataSource' (PostgreSQL (pgjdbc)) on verified "
					+ "TLS: added sslmode=verify-full");
			JdbcApp.awaitHandshakes(app, (String) ssl.get("version"));
			assertThat(JdbcApp.failures(app)).isZero();
		}
	}

	@Test
	void aServerCertificateFromAnotherCaIsRefused() throws Exception {
		try (TlsPostgres stranger = TlsPostgres
			.presenting(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")), clientCa)) {
			assertRefused(stranger.url("localhost"), "cert_untrusted",
					"is not trusted: its CA is not in secure.comms.jdbc.trust-bundle");
		}
	}

	@Test
	void aServerCertificateForAnotherHostIsRefused() throws Exception {
		try (TlsPostgres elsewhere = TlsPostgres.presenting(ca.issue(Spec.server("db.example")), clientCa)) {
			assertRefused(elsewhere.url("localhost"), "hostname_mismatch", "is not valid for host 'localhost'");
		}
	}

	@Test
	void anExpiredServerCertificateIsRefused() throws Exception {
		Instant now = Instant.now();
		try (TlsPostgres expired = TlsPostgres.presenting(
				ca.issue(Spec.server("localhost").valid(now.minus(30, ChronoUnit.DAYS), now.minus(1, ChronoUnit.DAYS))),
				clientCa)) {
			assertRefused(expired.url("localhost"), "cert_expired", "expired on");
		}
	}

	@Test
	void aServerWithoutTlsIsRefusedNotUsedInPlaintext() throws Exception {
		try (TlsPostgres plaintext = TlsPostgres.plaintextOnly();
				ConfigurableApplicationContext app = start(plaintext.url("localhost"))) {
			assertThatException().isThrownBy(() -> JdbcApp.selectOne(app))
				.withStackTraceContaining("does not support SSL");

			assertThat(JdbcApp.plaintextRefused(app)).isEqualTo(1);
			assertThat(JdbcApp.failures(app)).isZero();
		}
	}

	@Test
	void aUrlThatTurnsTlsOffStopsStartupInEnforceMode(CapturedOutput output) {
		for (String mode : List.of("disable", "require")) {
			assertThatException().isThrownBy(() -> start(good.url("localhost") + "?sslmode=" + mode));
			assertThat(output).contains("data source 'dataSource', URL parameter sslmode = '" + mode + "'",
					"use sslmode=verify-full in its JDBC URL");
		}
	}

	@Test
	void aUrlThatTurnsTlsOffConnectsWithAWarningInReportMode(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(good.url("localhost") + "?sslmode=disable",
				"secure.comms.mode=report")) {
			Map<String, Object> ssl = app.getBean(JdbcTemplate.class)
				.queryForMap("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");

			assertThat(ssl.get("ssl")).isEqualTo(false);
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: data source "
					+ "'dataSource', URL parameter sslmode=disable: turns TLS off");
		}
	}

	@Test
	void aDatabaseThatAuthenticatesByCertificateAcceptsTheIdentityBundle() {
		try (ConfigurableApplicationContext app = start(good.url("localhost") + "?user=certuser",
				"secure.comms.jdbc.identity-bundle=database-client",
				"spring.ssl.bundle.pem.database-client.keystore.certificate=file:" + directory.resolve("certuser.crt"),
				"spring.ssl.bundle.pem.database-client.keystore.private-key=file:"
						+ directory.resolve("certuser.key"))) {
			assertThat(app.getBean(JdbcTemplate.class).queryForObject("SELECT current_user", String.class))
				.isEqualTo("certuser");
		}
	}

	@Test
	void withoutTheIdentityBundleCertificateAuthenticationFailsClearly() {
		try (ConfigurableApplicationContext app = start(good.url("localhost") + "?user=certuser")) {
			assertThatException().isThrownBy(() -> JdbcApp.selectOne(app))
				.withStackTraceContaining("connection requires a valid client certificate");

			assertThat(JdbcApp.failures(app, "client_cert_missing")).isEqualTo(1);
		}
	}

	@Test
	void aPlaintextUrlFromJdbcConnectionDetailsIsCaughtToo(CapturedOutput output) {
		assertThatException().isThrownBy(() -> JdbcApp.start(PlaintextConnectionDetails.class,
				directory.resolve("ca.crt"), List.of("spring.datasource.username=postgres")));

		assertThat(output).contains("data source 'dataSource', URL parameter sslmode = 'disable'")
			.doesNotContain("secret-password");
	}

	private static void assertRefused(String url, String reason, String why) {
		try (ConfigurableApplicationContext app = start(url)) {
			JdbcApp.assertRefused(app, reason, why);
		}
	}

	private static ConfigurableApplicationContext start(String url, String... extra) {
		List<String> properties = new ArrayList<>(
				List.of("spring.datasource.username=postgres", "spring.datasource.url=" + url));
		properties.addAll(List.of(extra));
		return JdbcApp.start(directory.resolve("ca.crt"), properties);
	}

	/**
	 * A connection details bean, as Testcontainers' service connections provide, with a
	 * plaintext URL.
	 */
	@Import(TestApplication.class)
	static class PlaintextConnectionDetails {

		@Bean
		JdbcConnectionDetails plaintextDatabase() {
			return new JdbcConnectionDetails() {

				@Override
				public String getUsername() {
					return "postgres";
				}

				@Override
				public String getPassword() {
					return "secret-password";
				}

				@Override
				public String getJdbcUrl() {
					return good.url("localhost") + "?sslmode=disable";
				}

			};
		}

	}

}
