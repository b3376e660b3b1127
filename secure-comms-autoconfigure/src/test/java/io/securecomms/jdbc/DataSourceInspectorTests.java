package io.securecomms.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import com.mysql.cj.jdbc.MysqlDataSource;
import com.zaxxer.hikari.HikariDataSource;
import io.securecomms.jdbc.PoolInspection.InProcess;
import io.securecomms.jdbc.PoolInspection.Readable;
import io.securecomms.jdbc.PoolInspection.Unreadable;
import io.securecomms.jdbc.PoolInspection.UrlOnly;
import io.securecomms.jdbc.PoolInspection.Wraps;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the guard can read of each kind of data source, and what it changes on it: the URL
 * and the properties the driver will get, without opening the pool.
 */
class DataSourceInspectorTests {

	@Test
	void aHikariPoolBuiltFromPgSimpleDataSourceIsReadThroughTheUrlThatClassBuilds() {
		HikariDataSource hikari = new HikariDataSource();
		hikari.setDataSourceClassName(PGSimpleDataSource.class.getName());
		hikari.addDataSourceProperty("serverName", "db.example");
		hikari.addDataSourceProperty("portNumber", "5433");
		hikari.addDataSourceProperty("databaseName", "app");
		hikari.addDataSourceProperty("sslMode", "disable");

		PoolSettings settings = readable(hikari);

		assertThat(settings.url()).startsWith("jdbc:postgresql://db.example:5433/app?").contains("sslmode=disable");
		assertThat(settings.properties()).isEmpty();
		// From now on the pool runs from that URL, which the guard can upgrade, give
		// trust and observe.
		assertThat(hikari.getDataSourceClassName()).isNull();
		assertThat(hikari.getJdbcUrl()).isEqualTo(settings.url());
		assertThat(settings.source()).contains("spring.datasource.hikari.data-source-properties");
	}

	@Test
	void aHikariPoolBuiltFromAnotherDataSourceClassShowsItsUrlOnly() {
		HikariDataSource hikari = hikariOverMysqlWithTlsOff();

		PoolInspection inspection = DataSourceInspector.inspect(hikari);

		assertThat(inspection).isInstanceOfSatisfying(UrlOnly.class, (urlOnly) -> {
			assertThat(urlOnly.setting()).isEqualTo("HikariCP dataSourceClassName");
			assertThat(urlOnly.type()).isEqualTo(MysqlDataSource.class.getName());
			// The class keeps sslMode apart from its URL: the URL alone would look
			// harmless.
			assertThat(urlOnly.url()).doesNotContainIgnoringCase("sslMode");
		});
		assertThat(hikari.getDataSourceClassName()).isEqualTo(MysqlDataSource.class.getName());
	}

	@Test
	void aHikariPoolWithBothADataSourceClassAndADriverClassIsRefusedAsHikariRefusesIt() {
		HikariDataSource hikari = new HikariDataSource();
		hikari.setDataSourceClassName(PGSimpleDataSource.class.getName());
		hikari.setDriverClassName("org.h2.Driver");

		assertThat(DataSourceInspector.inspect(hikari)).isInstanceOfSatisfying(Unreadable.class,
				(unreadable) -> assertThat(unreadable.setting()).isEqualTo("HikariCP driverClassName"));
	}

	@Test
	void aHikariPoolAroundADataSourceOfItsOwnCannotBeRead() {
		HikariDataSource hikari = new HikariDataSource();
		hikari.setDataSource(new PGSimpleDataSource());

		assertThat(DataSourceInspector.inspect(hikari)).isInstanceOfSatisfying(Unreadable.class, (unreadable) -> {
			assertThat(unreadable.setting()).isEqualTo("HikariCP dataSource");
			assertThat(unreadable.value()).isEqualTo(PGSimpleDataSource.class.getName());
			assertThat(unreadable.fix()).contains("spring.datasource.url", "jdbcUrl");
		});
	}

	@Test
	void aHikariPoolThatIsAlreadyOpenCannotBeChecked() throws Exception {
		HikariDataSource hikari = new HikariDataSource();
		hikari.setJdbcUrl("jdbc:h2:mem:open-pool");
		try (hikari; Connection connection = hikari.getConnection()) {
			assertThat(DataSourceInspector.inspect(hikari)).isInstanceOfSatisfying(Unreadable.class,
					(unreadable) -> assertThat(unreadable.value()).isEqualTo("already open"));
		}
	}

	@Test
	void dbcp2ConnectionPropertiesAreReadAndWrittenAsTheDriverGetsThem() throws Exception {
		try (BasicDataSource dbcp2 = new BasicDataSource()) {
			dbcp2.setUrl("jdbc:postgresql://db.example/app");
			dbcp2.setConnectionProperties("sslmode=disable;ApplicationName=shop");

			PoolSettings settings = readable(dbcp2);
			settings.addProperty("sslfactory", "io.example.Factory");
			settings.setUrl("jdbc:postgresql://db.example/app?sslmode=verify-full");

			assertThat(settings.properties()).containsEntry("sslmode", "disable")
				.containsEntry("ApplicationName", "shop")
				.containsEntry("sslfactory", "io.example.Factory");
			assertThat(dbcp2.getUrl()).isEqualTo("jdbc:postgresql://db.example/app?sslmode=verify-full");
		}
	}

	@Test
	void tomcatDbPropertiesAreReadAndWrittenWithoutOpeningThePool() {
		org.apache.tomcat.jdbc.pool.DataSource tomcat = new org.apache.tomcat.jdbc.pool.DataSource();
		tomcat.setUrl("jdbc:postgresql://db.example/app");
		tomcat.setConnectionProperties("sslmode=disable");

		PoolSettings settings = readable(tomcat);
		settings.addProperty("sslfactory", "io.example.Factory");

		assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.example/app");
		assertThat(tomcat.getDbProperties()).containsEntry("sslmode", "disable")
			.containsEntry("sslfactory", "io.example.Factory");
		// Read a second time: had the first read opened the pool, this one would say so.
		assertThat(DataSourceInspector.inspect(tomcat)).isInstanceOf(Readable.class);
	}

	@Test
	void springDriverManagerDataSourceGetsPropertiesWhereItHadNone() {
		DriverManagerDataSource spring = new DriverManagerDataSource("jdbc:postgresql://db.example/app");

		PoolSettings settings = readable(spring);
		settings.addProperty("sslfactory", "io.example.Factory");

		assertThat(settings.properties()).isEqualTo(Map.of("sslfactory", "io.example.Factory"));
		assertThat(spring.getConnectionProperties()).containsEntry("sslfactory", "io.example.Factory");
	}

	@Test
	void aBarePgjdbcDataSourceIsUpgradedSettingBySetting() {
		PGSimpleDataSource pgjdbc = new PGSimpleDataSource();
		pgjdbc.setServerNames(new String[] { "db.example" });
		pgjdbc.setDatabaseName("app");

		PoolSettings settings = readable(pgjdbc);
		settings.upgrade(new JdbcTlsAssessment("PostgreSQL", "db.example", JdbcTlsAssessment.Status.UPGRADED, "ignored",
				Map.of("sslmode", "verify-full"), Map.of(), "sslmode=verify-full", java.util.List.of()));
		settings.addProperty(JdbcTlsRegistry.KEY_PROPERTY, "key-1");

		assertThat(pgjdbc.getSslMode()).isEqualTo("verify-full");
		// pgjdbc takes only its own property names: the key travels as sslfactoryarg.
		assertThat(pgjdbc.getUrl()).contains("sslmode=verify-full", "sslfactoryarg=key-1");
	}

	@Test
	void springsEmbeddedDatabaseIsInProcess() {
		EmbeddedDatabase database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.build();
		try {
			assertThat(DataSourceInspector.inspect(database)).isInstanceOf(InProcess.class);
		}
		finally {
			database.shutdown();
		}
	}

	@Test
	void aDelegatingDataSourceShowsItsTarget() throws Exception {
		try (BasicDataSource dbcp2 = new BasicDataSource()) {
			assertThat(DataSourceInspector.inspect(new TransactionAwareDataSourceProxy(dbcp2))).isInstanceOfSatisfying(
					Wraps.class, (wraps) -> assertThat(wraps.targets()).containsExactly(Map.entry("target", dbcp2)));
		}
	}

	@Test
	void aDataSourceThatShowsNoUrlCannotBeRead() {
		DataSource opaque = new OpaqueDataSource();

		assertThat(DataSourceInspector.inspect(opaque)).isInstanceOfSatisfying(Unreadable.class, (unreadable) -> {
			assertThat(unreadable.value()).isEqualTo(OpaqueDataSource.class.getName());
			assertThat(unreadable.problem()).contains("shows no JDBC URL");
			assertThat(unreadable.fix()).contains("Commons DBCP2", "secure.comms.jdbc.require-tls=false");
		});
	}

	@Test
	void poolsAreRecognisedByTheNamesOfTheirClassesAndInterfaces() {
		assertThat(DataSourceInspector.is(BasicDataSource.class, DataSourceInspector.DBCP2)).isTrue();
		assertThat(DataSourceInspector.is(org.apache.tomcat.jdbc.pool.DataSource.class, DataSourceInspector.TOMCAT))
			.isTrue();
		assertThat(DataSourceInspector.is(TransactionAwareDataSourceProxy.class, DataSourceInspector.DELEGATING))
			.isTrue();
		assertThat(DataSourceInspector.is(PGSimpleDataSource.class, DataSourceInspector.PGJDBC)).isTrue();
		assertThat(DataSourceInspector.is(OpaqueDataSource.class, DataSourceInspector.HIKARI)).isFalse();
	}

	/**
	 * A pool whose data source class keeps {@code sslMode=DISABLED} apart from its URL.
	 */
	static HikariDataSource hikariOverMysqlWithTlsOff() {
		HikariDataSource hikari = new HikariDataSource();
		hikari.setDataSourceClassName(MysqlDataSource.class.getName());
		hikari.addDataSourceProperty("serverName", "db.example");
		hikari.addDataSourceProperty("sslMode", "DISABLED");
		return hikari;
	}

	private static PoolSettings readable(DataSource dataSource) {
		PoolInspection inspection = DataSourceInspector.inspect(dataSource);
		assertThat(inspection).isInstanceOf(Readable.class);
		return ((Readable) inspection).settings();
	}

	/** A data source that says nothing about where it connects. */
	static class OpaqueDataSource extends AbstractDataSource {

		@Override
		public Connection getConnection() {
			throw new UnsupportedOperationException();
		}

		@Override
		public Connection getConnection(String username, String password) {
			throw new UnsupportedOperationException();
		}

		@Override
		public PrintWriter getLogWriter() {
			return null;
		}

	}

}
