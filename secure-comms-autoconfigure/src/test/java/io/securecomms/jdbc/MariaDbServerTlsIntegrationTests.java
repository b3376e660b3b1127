package io.securecomms.jdbc;

import java.nio.file.Path;

import java.util.List;
import java.util.Map;

import io.securecomms.testsupport.JdbcApp;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsMariaDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JDBC against a real MariaDB server with TLS ({@code require-secure-transport}), through
 * a Spring Boot DataSource built from {@code spring.datasource.url}, with MariaDB
 * Connector/J and with MySQL Connector/J (which speaks to MariaDB too): the starter
 * upgrades a URL that says nothing, gives the driver the JDBC trust bundle as files, and
 * a server the bundle does not vouch for, or with another host name, is refused in the
 * handshake and counted. Skipped when {@code mariadbd} is not installed.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIf(value = "io.securecomms.testsupport.TlsMariaDb#isInstalled",
		disabledReason = "mariadbd or mariadb-install-db (Debian package mariadb-server) is not installed")
class MariaDbServerTlsIntegrationTests {

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

	@ParameterizedTest
	@EnumSource(Driver.class)
	void aUrlWithoutTlsParametersIsUpgradedAndTheSessionIsEncrypted(Driver driver, CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(good.url(driver.scheme, "localhost"))) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			Map<String, Object> version = jdbc.queryForMap("SHOW SESSION STATUS LIKE 'Ssl_version'");
			Map<String, Object> cipher = jdbc.queryForMap("SHOW SESSION STATUS LIKE 'Ssl_cipher'");

			assertThat((String) version.get("Value")).isIn("TLSv1.2", "TLSv1.3");
			assertThat((String) cipher.get("Value")).containsAnyOf("GCM", "CHACHA20");
			assertThat(output).contains(
					"secure-comms put data source 'dataSource' (" + driver.name + ") on verified TLS: added "
							+ driver.added,
					"secure-comms gave data source 'dataSource' the trust of secure.comms.jdbc.trust-bundle: "
							+ driver.trustProperties);
			assertThat(JdbcApp.failures(app)).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(Driver.class)
	void aServerCertificateFromAnotherCaIsRefusedAndCounted(Driver driver) {
		assertRefused(driver, TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")), "cert_untrusted",
				driver.untrusted);
	}

	@ParameterizedTest
	@EnumSource(Driver.class)
	void aServerCertificateForAnotherHostIsRefusedAndCounted(Driver driver) {
		assertRefused(driver, ca.issue(Spec.server("db.example")), "hostname_mismatch", driver.wrongHost);
	}

	private static void assertRefused(Driver driver, Issued identity, String reason, String why) {
		try (TlsMariaDb server = TlsMariaDb.presenting(identity);
				ConfigurableApplicationContext app = start(server.url(driver.scheme, "localhost"))) {
			JdbcApp.assertRefused(app, reason, why);
		}
	}

	private static ConfigurableApplicationContext start(String url) {
		return JdbcApp.start(directory.resolve("ca.crt"), List.of("spring.datasource.url=" + url,
				"spring.datasource.username=" + TlsMariaDb.USER, "spring.datasource.password=" + TlsMariaDb.PASSWORD));
	}

	enum Driver {

		MARIADB("jdbc:mariadb:", MariaDbTlsRule.DRIVER, "sslMode=verify-full",
				"[serverSslCert, enabledSslProtocolSuites, enabledSslCipherSuites]",
				"unable to find valid certification path",
				"SSL hostname verification failed : DNS host \"localhost\" doesn't correspond to certificate CN "
						+ "\"db.example\""),

		MYSQL("jdbc:mysql:", MySqlTlsRule.DRIVER, "sslMode=VERIFY_IDENTITY",
				"[trustCertificateKeyStoreUrl, trustCertificateKeyStoreType, trustCertificateKeyStorePassword, "
						+ "fallbackToSystemTrustStore, tlsVersions, tlsCiphersuites]",
				"Path does not chain with any of the trust anchors",
				"Server identity verification failed. None of the certificate's DNS or IP Subject Alternative Name "
						+ "entries matched the server hostname/IP 'localhost'");

		final String scheme;

		final String name;

		final String added;

		final String trustProperties;

		final String untrusted;

		final String wrongHost;

		Driver(String scheme, String name, String added, String trustProperties, String untrusted, String wrongHost) {
			this.scheme = scheme;
			this.name = name;
			this.added = added;
			this.trustProperties = trustProperties;
			this.untrusted = untrusted;
			this.wrongHost = wrongHost;
		}

	}

}
