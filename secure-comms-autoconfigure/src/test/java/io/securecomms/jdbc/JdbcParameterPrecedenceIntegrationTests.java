package io.securecomms.jdbc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.testsupport.JdbcApp;
import io.securecomms.testsupport.NoTlsDatabase;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The parameter-precedence bypasses an outside review reproduced, end to end against a
 * server that answers "no TLS" and records what the driver sends next: in enforce mode
 * the application does not start and the server receives no StartupMessage or login
 * packet; in report mode the same settings do send it in plaintext, which shows that the
 * peer and the settings are the real thing.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcParameterPrecedenceIntegrationTests {

	@TempDir
	static Path directory;

	@BeforeAll
	static void trust() {
		TestCertificates.rootCa("database CA").writePem(directory, "ca");
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			// pgjdbc reads only the lower-case sslmode: sslMode is ignored and the driver
			// prefers plaintext
			"postgres|jdbc:postgresql://{host}:{port}/app?sslMode=verify-full||URL parameter sslMode=verify-full: "
					+ "is ignored by pgjdbc, which reads only sslmode|sslmode=verify-full (written sslmode)",
			"postgres|jdbc:postgresql://{host}:{port}/app?SSLMODE=verify-full&sslmode=disable||URL parameter "
					+ "sslmode=disable: turns TLS off|sslmode=verify-full",
			// a URL parameter wins over a driver property in pgjdbc, but SSLMODE is not
			// one it reads
			"postgres|jdbc:postgresql://{host}:{port}/app?SSLMODE=verify-full|sslmode=disable|driver property "
					+ "sslmode=disable: turns TLS off|sslmode=verify-full (driver property sslmode is what the driver uses",
			// Connector/J: driver properties win over the query, per-host settings over
			// both
			"mysql|jdbc:mysql://{host}:{port}/app?sslMode=VERIFY_IDENTITY|sslMode=DISABLED|driver property "
					+ "sslMode=DISABLED: turns TLS off|sslMode=VERIFY_IDENTITY (driver property sslMode is what the driver uses",
			"mysql|jdbc:mysql://(host={host},port={port},sslMode=DISABLED)/app?sslMode=VERIFY_IDENTITY||per-host "
					+ "setting sslMode of host {host}:{port}=DISABLED: turns TLS off|sslMode=VERIFY_IDENTITY (the per-host "
					+ "setting sslMode of host {host}:{port} is what the driver uses for that host",
			"mysql|jdbc:mysql://address=(host={host})(port={port})(sslMode=DISABLED)/app||per-host setting sslMode "
					+ "of host {host}:{port}=DISABLED: turns TLS off|sslMode=VERIFY_IDENTITY (the per-host setting" })
	void aSettingTheDriverReadsDifferentlyStopsStartupAndNothingReachesTheServer(String database, String url,
			String driverProperty, String violation, String fix, CapturedOutput output) throws Exception {
		try (NoTlsDatabase server = server(database)) {
			Throwable failure = catchThrowable(() -> connect(server, url, driverProperty, "enforce"));

			assertThat(failure).isNotNull()
				.hasStackTraceContaining("secure-comms refused an insecure configuration")
				.hasStackTraceContaining("data source 'dataSource', " + fill(violation, server));
			assertThat(output).contains(fill(fix, server));
			assertThat(server.plaintextLogins()).isEmpty();
		}
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "postgres|jdbc:postgresql://{host}:{port}/app?sslMode=verify-full|",
					"postgres|jdbc:postgresql://{host}:{port}/app?SSLMODE=verify-full&sslmode=disable|",
					"postgres|jdbc:postgresql://{host}:{port}/app?SSLMODE=verify-full|sslmode=disable",
					"mysql|jdbc:mysql://{host}:{port}/app?sslMode=VERIFY_IDENTITY|sslMode=DISABLED",
					"mysql|jdbc:mysql://(host={host},port={port},sslMode=DISABLED)/app?sslMode=VERIFY_IDENTITY|",
					"mysql|jdbc:mysql://address=(host={host})(port={port})(sslMode=DISABLED)/app|" })
	void inReportModeTheSameSettingsSendTheLoginInPlaintext(String database, String url, String driverProperty)
			throws Exception {
		try (NoTlsDatabase server = server(database)) {
			catchThrowable(() -> connect(server, url, driverProperty, "report"));

			assertThat(server.plaintextLogins()).isNotEmpty()
				.allSatisfy((login) -> assertThat(login).contains("app-user"));
		}
	}

	private static NoTlsDatabase server(String database) throws Exception {
		return database.equals("mysql") ? NoTlsDatabase.mysql() : NoTlsDatabase.postgres();
	}

	/**
	 * Starts the application and, if it starts, runs a query: the first connection goes
	 * out then.
	 */
	private static void connect(NoTlsDatabase server, String url, String driverProperty, String mode) {
		List<String> properties = new ArrayList<>(List.of("spring.datasource.url=" + fill(url, server),
				"spring.datasource.username=app-user", "spring.datasource.password=app-password",
				"spring.datasource.hikari.initialization-fail-timeout=-1",
				"spring.datasource.hikari.connection-timeout=250", "secure.comms.mode=" + mode));
		if (driverProperty != null) {
			properties.add("spring.datasource.hikari.data-source-properties." + driverProperty);
		}
		JdbcApp.startAndSelectOne(TestApplication.class, directory.resolve("ca.crt"), properties);
	}

	private static String fill(String text, NoTlsDatabase server) {
		return text.replace("{host}", server.host()).replace("{port}", String.valueOf(server.port()));
	}

}
