package io.securecomms.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.testsupport.TestCertificates;
import io.securecomms.testsupport.TestCertificates.Authority;
import io.securecomms.testsupport.TestCertificates.Spec;
import io.securecomms.testsupport.TlsMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * JDBC against a real MariaDB with TLS, through a Spring Boot DataSource built from {@code spring.datasource.url}
 * and MariaDB Connector/J: the starter upgrades a URL that says nothing to {@code sslMode=verify-full}, gives
 * the driver the JDBC trust bundle as files, and a server the bundle does not vouch for is refused and counted.
 * Skipped when {@code mariadbd} is not installed.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIf(value = "io.securecomms.testsupport.TlsMariaDb#isInstalled",
		disabledReason = "mariadbd or mariadb-install-db (Debian package mariadb-server) is not installed")
class MariaDbTlsIntegrationTests {

	@TempDir
	static Path directory;

	static Authority ca;

	static TlsMariaDb good;

	@BeforeAll
	static void servers() {
		ca = TestCertificates.rootCa("database CA");
		ca.writePem(directory, "ca");
		good = TlsMariaDb.presenting(ca.issue(Spec.server("localhost")));
	}

	@AfterAll
	static void stop() {
		if (good != null) {
			good.close();
		}
	}

	@Test
	void aUrlWithoutTlsParametersIsUpgradedAndTheSessionIsEncrypted(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(good.url("localhost"))) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			Map<String, Object> version = jdbc.queryForMap("SHOW SESSION STATUS LIKE 'Ssl_version'");
			Map<String, Object> cipher = jdbc.queryForMap("SHOW SESSION STATUS LIKE 'Ssl_cipher'");

			assertThat((String) version.get("Value")).isIn("TLSv1.2", "TLSv1.3");
			assertThat((String) cipher.get("Value")).containsAnyOf("GCM", "CHACHA20");
			assertThat(output).contains("secure-comms put data source 'dataSource' (MariaDB (Connector/J)) on verified "
					+ "TLS: added sslMode=verify-full",
					"secure-comms gave data source 'dataSource' the trust of secure.comms.jdbc.trust-bundle: "
							+ "[serverSslCert, enabledSslProtocolSuites, enabledSslCipherSuites]");
			assertThat(failures(app)).isZero();
		}
	}

	/**
	 * Refused in the handshake, before a password is sent. (Given its {@code trustStore} instead of
	 * {@code serverSslCert}, Connector/J 3.5 would finish the handshake, authenticate, and accept the server if it
	 * proved the password: "ephemeral certificates".)
	 */
	@Test
	void aServerCertificateFromAnotherCaIsRefused() {
		try (TlsMariaDb stranger = TlsMariaDb.presenting(TestCertificates.rootCa("stranger CA")
			.issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(stranger.url("localhost"))) {
			assertThatException().isThrownBy(() -> query(app))
				.withStackTraceContaining("PKIX path building failed")
				.withStackTraceContaining("unable to find valid certification path");
		}
	}

	@Test
	void aServerCertificateForAnotherHostIsRefused() {
		try (TlsMariaDb elsewhere = TlsMariaDb.presenting(ca.issue(Spec.server("db.example")));
				ConfigurableApplicationContext app = start(elsewhere.url("localhost"))) {
			assertThatException().isThrownBy(() -> query(app))
				.withStackTraceContaining("SSL hostname verification failed : DNS host \"localhost\" doesn't "
						+ "correspond to certificate CN \"db.example\" and SAN[{DNS:\"db.example\"}]");
		}
	}

	@Test
	void aServerCertificateFromAnotherCaIsCounted() {
		try (TlsMariaDb stranger = TlsMariaDb.presenting(TestCertificates.rootCa("stranger CA")
			.issue(Spec.server("localhost")))) {
			assertCounted(stranger.url("localhost"), "cert_untrusted");
		}
	}

	@Test
	void aServerCertificateForAnotherHostIsCounted() {
		try (TlsMariaDb elsewhere = TlsMariaDb.presenting(ca.issue(Spec.server("db.example")))) {
			assertCounted(elsewhere.url("localhost"), "hostname_mismatch");
		}
	}

	private static void assertCounted(String url, String reason) {
		try (ConfigurableApplicationContext app = start(url)) {
			assertThatException().isThrownBy(() -> query(app));

			assertThat(failures(app, reason)).isEqualTo(1);
			assertThat(failures(app)).isEqualTo(1);
		}
	}

	private static Integer query(ConfigurableApplicationContext app) {
		return app.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
	}

	private static MeterRegistry registry(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class);
	}

	private static double failures(ConfigurableApplicationContext app) {
		return registry(app).find("secure.comms.tls.handshake.failures").counters().stream()
			.mapToDouble(Counter::count).sum();
	}

	private static double failures(ConfigurableApplicationContext app, String reason) {
		return registry(app).find("secure.comms.tls.handshake.failures")
			.tags("channel", "jdbc", "direction", "outbound", "peer", "dataSource", "reason", reason)
			.counters().stream().mapToDouble(Counter::count).sum();
	}

	private static ConfigurableApplicationContext start(String url, String... extra) {
		List<String> properties = new ArrayList<>(List.of("spring.main.web-application-type=none",
				"spring.main.banner-mode=off", "spring.datasource.url=" + url,
				"spring.datasource.username=" + TlsMariaDb.USER, "spring.datasource.password=" + TlsMariaDb.PASSWORD,
				"secure.comms.jdbc.trust-bundle=database", "secure.comms.jdbc.revocation=off",
				"spring.ssl.bundle.pem.database.truststore.certificate=file:" + directory.resolve("ca.crt")));
		properties.addAll(List.of(extra));
		return new SpringApplicationBuilder(TestApplication.class).properties(properties.toArray(String[]::new)).run();
	}

}
