package io.securecomms.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.testsupport.JdbcApp;
import io.securecomms.testsupport.NoTlsDatabase;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsPostgres;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Pools other than a HikariCP pool with a {@code jdbcUrl}: a HikariCP pool built with
 * {@code dataSourceClassName}, Commons DBCP2, Tomcat JDBC, Spring's
 * {@code SimpleDriverDataSource} and a bare pgjdbc data source. A weakened one stops
 * startup before the first connection, so that a server answering "no TLS" never sees a
 * StartupMessage; a sound one connects with verified TLS and its handshake is counted.
 * HikariCP stays on this module's class path: the pools below run without it being
 * involved ({@code spring.datasource.type}); {@link JdbcWithoutHikariTests} hides it from
 * the class loader.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcPoolsIntegrationTests {

	private static final String DBCP2 = "org.apache.commons.dbcp2.BasicDataSource";

	private static final String TOMCAT = "org.apache.tomcat.jdbc.pool.DataSource";

	private static final String SIMPLE_DRIVER = "org.springframework.jdbc.datasource.SimpleDriverDataSource";

	@TempDir
	static Path directory;

	static TlsPostgres postgres;

	@BeforeAll
	static void server() {
		Authority ca = TestCertificates.rootCa("database CA");
		ca.writePem(directory, "ca");
		postgres = TlsPostgres.presenting(ca.issue(Spec.server("localhost")), TestCertificates.rootCa("client CA"));
	}

	@AfterAll
	static void stop() throws Exception {
		postgres.close();
	}

	@Test
	void hikariWithPgSimpleDataSourceThatTurnsTlsOffStopsStartupBeforeAnyLogin(CapturedOutput output) throws Exception {
		try (NoTlsDatabase peer = NoTlsDatabase.postgres()) {
			assertThatException()
				.isThrownBy(() -> startAndQuery(HikariWithDataSourceClassName.class, hikari(peer.port(), "disable")))
				.withStackTraceContaining("secure-comms refused an insecure configuration: data source 'dataSource'")
				.withStackTraceContaining("sslmode");

			assertThat(output).contains("data source 'dataSource'", "= 'disable'",
					"sslmode=verify-full in the pool's data source properties "
							+ "(spring.datasource.hikari.data-source-properties.*, from which "
							+ "org.postgresql.ds.PGSimpleDataSource builds its URL), or give the pool a jdbcUrl");
			assertThat(peer.plaintextLogins()).isEmpty();
		}
	}

	/**
	 * The peer is a fair witness: in report mode the same pool logs in in clear, and the
	 * violation is counted.
	 */
	@Test
	void inReportModeTheSamePoolLogsInInClearAndTheViolationIsCounted(CapturedOutput output) throws Exception {
		try (NoTlsDatabase peer = NoTlsDatabase.postgres()) {
			try (ConfigurableApplicationContext app = JdbcApp.start(HikariWithDataSourceClassName.class,
					directory.resolve("ca.crt"), with(hikari(peer.port(), "disable"), "secure.comms.mode=report"))) {
				assertThatException().isThrownBy(() -> JdbcApp.selectOne(app));

				Awaitility.await()
					.atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(peer.plaintextLogins()).singleElement()
						.asString()
						.contains("user\0postgres"));
				assertThat(app.getBean(MeterRegistry.class).get("secure.comms.policy.violations").gauge().value())
					.isEqualTo(1);
				assertThat(output)
					.contains("secure-comms (report mode) allows an insecure setting: data source " + "'dataSource'");
			}
		}
	}

	@Test
	void hikariWithPgSimpleDataSourceIsUpgradedAndTrustsTheBundle() {
		try (ConfigurableApplicationContext app = JdbcApp.start(HikariWithDataSourceClassName.class,
				directory.resolve("ca.crt"), hikari(postgres.port(), null))) {
			assertVerifiedTls(app);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "url", "dbcp2", "tomcat" })
	void aPoolOtherThanHikariThatTurnsTlsOffStopsStartupBeforeAnyLogin(String where, CapturedOutput output)
			throws Exception {
		try (NoTlsDatabase peer = NoTlsDatabase.postgres()) {
			List<String> properties = switch (where) {
				case "url" -> pool(DBCP2, peer.port(), "?sslmode=disable");
				case "dbcp2" ->
					with(pool(DBCP2, peer.port(), ""), "spring.datasource.dbcp2.connection-properties=sslmode=disable");
				default -> with(pool(TOMCAT, peer.port(), ""),
						"spring.datasource.tomcat.connection-properties=sslmode=disable");
			};

			assertThatException().isThrownBy(() -> startAndQuery(TestApplication.class, properties))
				.withStackTraceContaining("secure-comms refused an insecure configuration: data source 'dataSource'")
				.withStackTraceContaining("sslmode");

			assertThat(output).contains("data source 'dataSource'", "sslmode = 'disable'", "use sslmode=verify-full",
					"in its JDBC URL (spring.datasource.url");
			assertThat(peer.plaintextLogins()).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { DBCP2, TOMCAT, SIMPLE_DRIVER })
	void aPoolOtherThanHikariIsUpgradedTrustsTheBundleAndIsCounted(String type, CapturedOutput output) {
		try (ConfigurableApplicationContext app = JdbcApp.start(directory.resolve("ca.crt"),
				pool(type, postgres.port(), ""))) {
			assertThat(app.getBean(javax.sql.DataSource.class).getClass().getName()).isEqualTo(type);

			assertVerifiedTls(app);
			assertThat(output).contains("secure-comms put data source 'dataSource' (PostgreSQL (pgjdbc)) on verified "
					+ "TLS: added sslmode=verify-full");
		}
	}

	/**
	 * DBCP2 and SimpleDriverDataSource take an observed driver, Tomcat an observed data
	 * source: attempts are counted.
	 */
	@ParameterizedTest
	@ValueSource(strings = { DBCP2, TOMCAT, SIMPLE_DRIVER })
	void aServerWithoutTlsIsRefusedAndCounted(String type) throws Exception {
		try (TlsPostgres plaintext = TlsPostgres.plaintextOnly();
				// Boot's pool metrics open Tomcat's pool at startup: with no initial
				// connections it stays up.
				ConfigurableApplicationContext app = JdbcApp.start(directory.resolve("ca.crt"),
						with(pool(type, plaintext.port(), ""), "spring.datasource.tomcat.initial-size=0"))) {
			assertThatException().isThrownBy(() -> JdbcApp.selectOne(app))
				.withStackTraceContaining("does not support SSL");

			assertThat(JdbcApp.plaintextRefused(app)).isEqualTo(1);
			assertThat(JdbcApp.failures(app)).isZero();
		}
	}

	@Test
	void aBarePgjdbcDataSourceIsUpgradedAndTrustsTheBundle() {
		try (ConfigurableApplicationContext app = JdbcApp.start(BarePgSimpleDataSource.class,
				directory.resolve("ca.crt"), List.of("test.port=" + postgres.port()))) {
			assertVerifiedTls(app);
		}
	}

	/**
	 * The session is encrypted, and the starter's socket factory (the bundle's trust)
	 * timed the handshake.
	 */
	private static void assertVerifiedTls(ConfigurableApplicationContext app) {
		Map<String, Object> ssl = app.getBean(JdbcTemplate.class)
			.queryForMap("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
		assertThat(ssl.get("ssl")).isEqualTo(true);
		JdbcApp.awaitHandshakes(app, (String) ssl.get("version"));
		assertThat(JdbcApp.failures(app)).isZero();
	}

	private static void startAndQuery(Class<?> configuration, List<String> properties) {
		JdbcApp.startAndSelectOne(configuration, directory.resolve("ca.crt"), properties);
	}

	private static List<String> pool(String type, int port, String query) {
		return List.of("spring.datasource.type=" + type, "spring.datasource.username=postgres",
				"spring.datasource.password=secret-password",
				"spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres" + query);
	}

	private static List<String> hikari(int port, String sslMode) {
		List<String> properties = new ArrayList<>(List.of("test.port=" + port));
		if (sslMode != null) {
			properties.add("test.ssl-mode=" + sslMode);
		}
		return properties;
	}

	private static List<String> with(List<String> properties, String extra) {
		List<String> all = new ArrayList<>(properties);
		all.add(extra);
		return all;
	}

	/** A pool as a team builds it from a data source class: no JDBC URL anywhere. */
	@Import(TestApplication.class)
	static class HikariWithDataSourceClassName {

		@Bean
		HikariDataSource dataSource(Environment environment) {
			HikariDataSource hikari = new HikariDataSource();
			hikari.setDataSourceClassName(PGSimpleDataSource.class.getName());
			hikari.addDataSourceProperty("serverName", "localhost");
			hikari.addDataSourceProperty("portNumber", environment.getRequiredProperty("test.port"));
			hikari.addDataSourceProperty("databaseName", "postgres");
			String sslMode = environment.getProperty("test.ssl-mode");
			if (sslMode != null) {
				hikari.addDataSourceProperty("sslMode", sslMode);
			}
			hikari.setUsername("postgres");
			hikari.setPassword("secret-password");
			return hikari;
		}

	}

	/** pgjdbc's data source as the application's DataSource, without a pool. */
	@Import(TestApplication.class)
	static class BarePgSimpleDataSource {

		@Bean
		PGSimpleDataSource dataSource(Environment environment) {
			PGSimpleDataSource dataSource = new PGSimpleDataSource();
			dataSource.setServerNames(new String[] { "localhost" });
			dataSource.setPortNumbers(new int[] { environment.getRequiredProperty("test.port", Integer.class) });
			dataSource.setDatabaseName("postgres");
			dataSource.setUser("postgres");
			return dataSource;
		}

	}

}
