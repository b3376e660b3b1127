package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.securecomms.jdbc.JdbcTlsAssessment.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-driver URL policy: which URLs and properties already verify the server, which
 * ones the starter upgrades (and with what), which ones weaken TLS (and what the message
 * says), in every spelling drivers accept.
 */
class JdbcUrlPolicyTests {

	private final JdbcUrlPolicy policy = new JdbcUrlPolicy(List.of("jdbc:acme://vetted.example"));

	private JdbcTlsAssessment assess(String url) {
		return this.policy.assess(JdbcConnectionSettings.of(url));
	}

	private JdbcTlsAssessment assess(String url, Map<String, String> properties) {
		return this.policy.assess(new JdbcConnectionSettings(url, properties));
	}

	@Test
	void postgresUrlWithoutTlsParametersIsUpgradedToVerifyFull() {
		JdbcTlsAssessment assessment = assess("jdbc:postgresql://db.example:5432/app");
		assertThat(assessment.status()).isEqualTo(Status.UPGRADED);
		assertThat(assessment.url()).isEqualTo("jdbc:postgresql://db.example:5432/app?sslmode=verify-full");
		assertThat(assessment.added()).containsExactly(Map.entry("sslmode", "verify-full"));
		assertThat(assessment.host()).isEqualTo("db.example:5432");
		assertThat(assess("jdbc:postgresql://db.example/app?user=app&ApplicationName=x").url())
			.isEqualTo("jdbc:postgresql://db.example/app?user=app&ApplicationName=x&sslmode=verify-full");
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db/app?sslmode=verify-full",
			"jdbc:postgresql://db/app?sslmode=Verify-Full", "jdbc:postgresql://db/app?sslmode=verify%2Dfull",
			"jdbc:postgresql://db/app?sslmode=disable&sslmode=verify-full" })
	void postgresVerifyFullIsAcceptedAsItIs(String url) {
		JdbcTlsAssessment assessment = assess(url);
		assertThat(assessment.status()).isEqualTo(Status.VERIFIED);
		assertThat(assessment.url()).isEqualTo(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:postgresql://db/app?ssl=true", "jdbc:postgresql://db/app?ssl" })
	void postgresSslTrueGetsTheModeWrittenOutSoThatNoDefaultsFileCanOverrideIt(String url) {
		JdbcTlsAssessment assessment = assess(url);
		assertThat(assessment.status()).isEqualTo(Status.UPGRADED);
		assertThat(assessment.url()).isEqualTo(url + "&sslmode=verify-full");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "disable|turns TLS off", "allow|falls back to plaintext", "prefer|falls back to plaintext",
					"require|never checks the server's certificate", "verify-ca|not the host name",
					"REQUIRE|never checks the server's certificate" })
	void postgresModesShortOfVerifyFullAreWeaknesses(String mode, String problem) {
		JdbcTlsAssessment assessment = assess("jdbc:postgresql://db/app?sslmode=" + mode);
		assertThat(assessment.status()).isEqualTo(Status.WEAKENED);
		assertThat(assessment.url()).isEqualTo("jdbc:postgresql://db/app?sslmode=" + mode);
		assertThat(assessment.weaknesses()).singleElement().satisfies((weakness) -> {
			assertThat(weakness.parameter()).isEqualTo("URL parameter sslmode");
			assertThat(weakness.value()).isEqualTo(mode);
			assertThat(weakness.problem()).contains(problem);
			assertThat(weakness.fix()).isEqualTo("sslmode=verify-full");
		});
	}

	@Test
	void postgresWeakeningPassedAsADriverPropertyIsFoundToo() {
		JdbcTlsAssessment assessment = assess("jdbc:postgresql://db/app", Map.of("sslmode", "disable"));
		assertThat(assessment.status()).isEqualTo(Status.WEAKENED);
		assertThat(assessment.weaknesses()).singleElement().satisfies((weakness) -> {
			assertThat(weakness.parameter()).isEqualTo("driver property sslmode");
			assertThat(weakness.fix())
				.startsWith("sslmode=verify-full (driver property sslmode is what the driver uses");
		});
		assertThat(assess("jdbc:postgresql://db/app", Map.of("sslmode", "verify-full")).status())
			.isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:postgresql://db/app", Map.of("ssl", "false")).weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.problem()).contains("sslmode=prefer"));
	}

	/**
	 * pgjdbc reads names only as it spells them, lets the URL win over the driver
	 * properties and the last duplicate in the URL win. Each case is checked against the
	 * driver's own parser too.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"?sslMode=verify-full|||prefer|URL parameter sslMode|is ignored by pgjdbc, which reads only sslmode",
			"?SSLMODE=verify-full&sslmode=disable|||disable|URL parameter sslmode|turns TLS off",
			"?SSLMODE=verify-full|sslmode|disable|disable|driver property sslmode|turns TLS off",
			"?sslmode=verify-full&sslmode=disable|||disable|URL parameter sslmode|turns TLS off",
			"?sslmode=disable|sslmode|verify-full|disable|URL parameter sslmode|turns TLS off",
			"|sslMode|verify-full|prefer|driver property sslMode|is ignored by pgjdbc, which reads only sslmode",
			"?ssl=yes|||prefer|URL parameter ssl|makes pgjdbc use sslmode=prefer",
			"?SSL=true|||prefer|URL parameter SSL|is ignored by pgjdbc, which reads only ssl",
			"?ssl=true&sslmode=require|||require|URL parameter sslmode|never checks the server's certificate" })
	void postgresParametersAreReadAsPgjdbcReadsThem(String query, String property, String value, String driverMode,
			String parameter, String problem) throws Exception {
		String url = "jdbc:postgresql://db/app" + ((query != null) ? query : "");
		Map<String, String> properties = (property != null) ? Map.of(property, value) : Map.of();
		JdbcConnectionSettings settings = new JdbcConnectionSettings(url, properties);
		JdbcTlsAssessment assessment = this.policy.assess(settings);

		assertThat(assessment.status()).isEqualTo(Status.WEAKENED);
		assertThat(assessment.weaknesses()).anySatisfy((weakness) -> {
			assertThat(weakness.parameter()).isEqualTo(parameter);
			assertThat(weakness.problem()).contains(problem);
			assertThat(weakness.fix()).startsWith("sslmode=verify-full");
		});
		assertThat(PostgresTlsRule.sslMode(settings)).isEqualToIgnoringCase(driverMode)
			.isEqualToIgnoringCase(pgjdbcMode(url, properties));
	}

	@ParameterizedTest
	@ValueSource(strings = { "?sslmode=verify-full", "?sslmode=VERIFY-FULL", "?ssl=true", "?ssl", "?ssl=TRUE", "",
			"?sslmode=disable&sslmode=verify-full", "?SSLMODE=disable&sslmode=verify-full", "?sslmode=verify%2Dfull",
			"?sslmode=allow", "?a=1?sslmode=disable", "?sslmode=verify-ca&ssl=true" })
	void postgresModeAgreesWithPgjdbc(String query) throws Exception {
		String url = "jdbc:postgresql://db/app" + query;
		for (Map<String, String> properties : List.of(Map.<String, String>of(), Map.of("sslmode", "disable"),
				Map.of("SSLMODE", "require"), Map.of("ssl", "true"))) {
			assertThat(PostgresTlsRule.sslMode(new JdbcConnectionSettings(url, properties))).as(url + " " + properties)
				.isEqualToIgnoringCase(pgjdbcMode(url, properties));
		}
	}

	private static String pgjdbcMode(String url, Map<String, String> properties) throws Exception {
		Properties info = new Properties();
		info.putAll(properties);
		return org.postgresql.jdbc.SslMode.of(org.postgresql.Driver.parseURL(url, info)).value;
	}

	@Test
	void postgresServiceFileIsNotReadSoItIsAWeakness() {
		assertThat(assess("jdbc:postgresql://db/app?service=prod&sslmode=verify-full").weaknesses()).singleElement()
			.satisfies((weakness) -> {
				assertThat(weakness.parameter()).isEqualTo("URL parameter service");
				assertThat(weakness.problem()).contains("pg_service.conf");
				assertThat(weakness.fix()).contains("secure.comms.jdbc.allowed-urls");
			});
	}

	@Test
	void postgresForeignSocketFactoryOrHostnameVerifierIsAWeakness() {
		JdbcTlsAssessment assessment = assess(
				"jdbc:postgresql://db/app?sslmode=verify-full&sslfactory=org.postgresql.ssl.NonValidatingFactory");
		assertThat(assessment.weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.problem()).contains("trusts every certificate"));
		assertThat(assess("jdbc:postgresql://db/app?sslmode=verify-full&sslhostnameverifier=com.acme.Lenient")
			.weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.problem()).contains("host name"));
		assertThat(assess("jdbc:postgresql://db/app?sslmode=verify-full",
				Map.of("sslfactory", PostgresTlsSocketFactory.class.getName()))
			.status()).isEqualTo(Status.VERIFIED);
	}

	@Test
	void mysqlIsUpgradedToVerifyIdentityAndEveryWeakerModeIsAWeakness() {
		assertThat(assess("jdbc:mysql://db:3306/app").url())
			.isEqualTo("jdbc:mysql://db:3306/app?sslMode=VERIFY_IDENTITY");
		assertThat(assess("jdbc:mysql://db/app?sslMode=VERIFY_IDENTITY").status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:mysql://db/app?sslMode=verify_identity").status()).isEqualTo(Status.VERIFIED);
		for (String mode : List.of("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "verify_ca")) {
			assertThat(assess("jdbc:mysql://db/app?sslMode=" + mode).weaknesses()).singleElement()
				.satisfies((weakness) -> assertThat(weakness.fix()).isEqualTo("sslMode=VERIFY_IDENTITY"));
		}
		assertThat(assess("jdbc:mysql://db/app?useSSL=false").weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.problem()).contains("turns TLS off"));
		assertThat(assess("jdbc:mysql://db/app", Map.of("verifyServerCertificate", "false")).status())
			.isEqualTo(Status.WEAKENED);
		// The legacy switches count only where sslMode is absent, as in the driver.
		assertThat(assess("jdbc:mysql://db/app?sslMode=VERIFY_IDENTITY&useSSL=false").status())
			.isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:mysql:replication://a,b/app").status()).isEqualTo(Status.UPGRADED);
	}

	/**
	 * Connector/J: a per-host setting wins over the driver properties, which win over the
	 * query; names only as the driver spells them. Each case is checked against the
	 * driver's own parser too.
	 */
	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"db/app?sslMode=VERIFY_IDENTITY|sslMode|DISABLED|driver property sslMode|turns TLS off",
			"(host=db,port=3306,sslMode=DISABLED)/app?sslMode=VERIFY_IDENTITY|||per-host setting sslMode of host db:3306|turns TLS off",
			"address=(host=db)(port=3306)(sslMode=DISABLED)/app?sslMode=VERIFY_IDENTITY|||per-host setting sslMode of host db:3306|turns TLS off",
			"(host=db,port=3306,sslMode=DISABLED)/app|sslMode|VERIFY_IDENTITY|per-host setting sslMode of host db:3306|turns TLS off",
			"a:3306,(host=b,port=3307,sslMode=PREFERRED)/app?sslMode=VERIFY_IDENTITY|||per-host setting sslMode of host b:3307|falls back to plaintext",
			"db/app?sslmode=VERIFY_IDENTITY|||URL parameter sslmode|is ignored by Connector/J, which reads only sslMode",
			"db/app?sslMode=VERIFY_IDENTITY&sslMode=DISABLED|||URL parameter sslMode|turns TLS off",
			"db/app?ssl%4Dode=DISABLED|||URL parameter sslMode|turns TLS off",
			"db/app?useSSL=true&verifyServerCertificate=true|||URL parameter verifyServerCertificate|sslMode=VERIFY_CA",
			"db/app?requireSSL=true|||URL parameter requireSSL|sslMode=REQUIRED",
			"db/app|SSLMODE|VERIFY_IDENTITY|driver property SSLMODE|is ignored by Connector/J" })
	void mysqlParametersAreReadAsConnectorJReadsThem(String rest, String property, String value, String parameter,
			String problem) {
		String url = "jdbc:mysql://" + rest;
		Map<String, String> properties = (property != null) ? Map.of(property, value) : Map.of();
		JdbcTlsAssessment assessment = assess(url, properties);

		assertThat(assessment.status()).isEqualTo(Status.WEAKENED);
		assertThat(assessment.weaknesses()).anySatisfy((weakness) -> {
			assertThat(weakness.parameter()).isEqualTo(parameter);
			assertThat(weakness.problem()).contains(problem);
			assertThat(weakness.fix()).startsWith("sslMode=VERIFY_IDENTITY");
		});
		assertThat(MySqlTlsRule.sslModes(new JdbcConnectionSettings(url, properties))).as(url)
			.isEqualTo(connectorJModes(url, properties));
	}

	@ParameterizedTest
	@ValueSource(strings = { "db/app", "db/app?sslMode=VERIFY_IDENTITY", "db/app?sslMode=verify_identity",
			"db/app?SSLMODE=DISABLED&sslMode=VERIFY_IDENTITY", "db/app?useSSL=false", "db/app?usessl=false",
			"db/app?useSSL=no", "db/app?useSSL=true", "db/app?useSSL=false&sslMode=VERIFY_IDENTITY",
			"db/app? sslMode = DISABLED", "u:p@db:3307/app?sslMode=DISABLED",
			"[(host=a,sslMode=DISABLED),(host=b)]/app?sslMode=VERIFY_IDENTITY",
			"address=(host=a)(sslMode=VERIFY_CA),b:3307/app", "db/app?sslMode=DISABLED#sslMode=VERIFY_IDENTITY" })
	void mysqlModesAgreeWithConnectorJ(String rest) {
		for (String scheme : List.of("jdbc:mysql://", "jdbc:mysql:replication://")) {
			String url = scheme + rest;
			for (Map<String, String> properties : List.of(Map.<String, String>of(), Map.of("sslMode", "REQUIRED"),
					Map.of("useSSL", "false"), Map.of("sslmode", "DISABLED"))) {
				assertThat(MySqlTlsRule.sslModes(new JdbcConnectionSettings(url, properties)))
					.as(url + " " + properties)
					.isEqualTo(connectorJModes(url, properties));
			}
		}
	}

	private static List<String> connectorJModes(String url, Map<String, String> properties) {
		Properties info = new Properties();
		info.putAll(properties);
		List<String> modes = new ArrayList<>();
		for (com.mysql.cj.conf.HostInfo host : com.mysql.cj.conf.ConnectionUrl.getConnectionUrlInstance(url, info)
			.getHostsList()) {
			com.mysql.cj.jdbc.JdbcPropertySetImpl effective = new com.mysql.cj.jdbc.JdbcPropertySetImpl();
			effective.initializeProperties(host.exposeAsProperties());
			modes.add(effective.getEnumProperty(com.mysql.cj.conf.PropertyKey.sslMode).getValue().toString());
		}
		return modes;
	}

	@Test
	void mysqlHostsAreNamedWithoutTheirSettingsAndXSessionsReadXdevapiSslModeToo() {
		assertThat(assess("jdbc:mysql://u:p@a:3307,(host=b,port=3308,sslMode=VERIFY_IDENTITY)/app").host())
			.isEqualTo("a:3307,b:3308");
		assertThat(assess("mysqlx://db:33060/app?sslMode=VERIFY_IDENTITY&xdevapi.ssl-mode=REQUIRED").weaknesses())
			.singleElement()
			.satisfies((weakness) -> assertThat(weakness.parameter()).isEqualTo("URL parameter xdevapi.ssl-mode"));
	}

	@Test
	void mysqlPropertiesTransformIsAWeakness() {
		assertThat(assess("jdbc:mysql://db/app?sslMode=VERIFY_IDENTITY", Map.of("propertiesTransform", "com.acme.T"))
			.weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.parameter()).isEqualTo("driver property propertiesTransform"));
	}

	@Test
	void mariadbIsUpgradedToVerifyFullAndTrustSwitchesAreWeaknesses() {
		assertThat(assess("jdbc:mariadb://db/app").url()).isEqualTo("jdbc:mariadb://db/app?sslMode=verify-full");
		assertThat(assess("jdbc:mariadb://db/app?sslMode=VERIFY_FULL").status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:mariadb://db/app?sslMode=trust").weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.problem()).contains("trusts every certificate"));
		assertThat(assess("jdbc:mariadb://db/app?sslMode=verify-ca").status()).isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:mariadb://db/app?sslMode=disable").status()).isEqualTo(Status.WEAKENED);
		// The 2.x switches count only with useSsl, and then win over sslMode.
		assertThat(assess("jdbc:mariadb://db/app?useSsl=true&trustServerCertificate=true",
				Map.of("sslMode", "verify-full"))
			.weaknesses()).singleElement().satisfies((weakness) -> {
				assertThat(weakness.parameter()).isEqualTo("URL parameter trustServerCertificate");
				assertThat(weakness.problem()).contains("sslMode=trust, whatever sslMode says");
			});
		assertThat(assess("jdbc:mariadb://db/app", Map.of("useSSL", "1", "disableSslHostnameVerification", "true"))
			.status()).isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:mariadb://db/app?sslMode=verify-full&trustServerCertificate=true").status())
			.isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:mariadb://db/app?useSsl=true&sslMode=disable").status()).isEqualTo(Status.VERIFIED);
	}

	@Test
	void mariadbReadsNamesInAnyCaseItsOwnSpellingFirstAndAPerHostModeWins() {
		assertThat(assess("jdbc:mariadb://db/app?sslmode=disable").weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.parameter()).isEqualTo("URL parameter sslmode"));
		assertThat(assess("jdbc:mariadb://db/app?SSLMODE=disable", Map.of("sslMode", "verify-full")).status())
			.isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:mariadb://db/app?sslMode=verify-full&sslMode=disable").status())
			.isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:mariadb://db/app?SSLMODE=verify-full&SslMode=disable").weaknesses())
			.anySatisfy((weakness) -> assertThat(weakness.problem()).contains("cannot be known"));
		JdbcTlsAssessment perHost = assess(
				"jdbc:mariadb://address=(host=a)(port=3306)(sslMode=disable),address=(host=b)(port=3307)/app?sslMode=verify-full");
		assertThat(perHost.weaknesses()).singleElement().satisfies((weakness) -> {
			assertThat(weakness.parameter()).isEqualTo("per-host setting sslMode of host a:3306");
			assertThat(weakness.fix()).contains("per-host setting sslMode of host a:3306");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "?sslMode=verify-full", "?sslmode=disable", "?SSLMODE=trust&sslMode=verify_ca",
			"?sslMode=disable&sslMode=verify-full", "?useSsl=true", "?useSSL=1&sslMode=disable",
			"?useSsl=true&trustServerCertificate=true", "?useSsl=TRUE", "?useSsl=true&disableSslHostnameVerification=",
			"?trustServerCertificate=true", "?sslMode=true", "?sslMode=false", "?sslMode=1" })
	void mariadbModesAgreeWithTheDriver(String query) throws Exception {
		for (String hosts : List.of("db", "address=(host=a)(sslMode=trust),address=(host=b)(port=3307)")) {
			String url = "jdbc:mariadb://" + hosts + "/app" + query;
			for (Map<String, String> properties : List.of(Map.<String, String>of(), Map.of("sslMode", "verify-full"),
					Map.of("SSLMODE", "disable"), Map.of("useSsl", "true"))) {
				Properties info = new Properties();
				info.putAll(properties);
				org.mariadb.jdbc.Configuration driver = org.mariadb.jdbc.Configuration.parse(url, info);
				List<String> expected = new ArrayList<>();
				expected.add(driver.sslMode().getValue());
				driver.addresses()
					.stream()
					.filter((address) -> hosts.startsWith("address"))
					.forEach((address) -> expected.add((address.sslMode != null) ? address.sslMode.getValue() : null));
				assertThat(MariaDbTlsRule.sslModes(new JdbcConnectionSettings(url, properties)))
					.as(url + " " + properties)
					.isEqualTo(expected);
			}
		}
	}

	@Test
	void sqlServerNeedsEncryptionWithTheCertificateChecked() {
		JdbcTlsAssessment upgraded = assess("jdbc:sqlserver://db:1433;databaseName=app");
		assertThat(upgraded.status()).isEqualTo(Status.UPGRADED);
		assertThat(upgraded.url())
			.isEqualTo("jdbc:sqlserver://db:1433;databaseName=app;encrypt=true;trustServerCertificate=false");
		assertThat(upgraded.host()).isEqualTo("db:1433");
		assertThat(assess("jdbc:sqlserver://db;encrypt=strict").status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:sqlserver://db;ENCRYPT=True;TrustServerCertificate=false").status())
			.isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:sqlserver://db;encrypt=true").url())
			.isEqualTo("jdbc:sqlserver://db;encrypt=true;trustServerCertificate=false");
		assertThat(assess("jdbc:sqlserver://db;encrypt=true;trustServerCertificate=true").weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.fix()).isEqualTo("trustServerCertificate=false"));
		assertThat(assess("jdbc:sqlserver://db;encrypt=false").status()).isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:sqlserver://db;encrypt=optional").status()).isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:sqlserver://db;encrypt=strict", Map.of("trustServerCertificate", "true")).status())
			.isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:sqlserver://db;encrypt=strict;sslProtocol=TLSv1").status()).isEqualTo(Status.WEAKENED);
	}

	@Test
	void oracleNeedsTcpsWithTheServerDnMatched() {
		JdbcTlsAssessment ezConnect = assess("jdbc:oracle:thin:@tcps://db.example:2484/app");
		assertThat(ezConnect.status()).isEqualTo(Status.UPGRADED);
		assertThat(ezConnect.url()).isEqualTo("jdbc:oracle:thin:@tcps://db.example:2484/app?ssl_server_dn_match=true");
		assertThat(ezConnect.host()).isEqualTo("db.example:2484");
		assertThat(assess("jdbc:oracle:thin:@tcps://db:2484/app?ssl_server_dn_match=true").status())
			.isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:oracle:thin:@tcps://db:2484/app?ssl_server_dn_match=false").status())
			.isEqualTo(Status.WEAKENED);
		String descriptor = "jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=db.example)(PORT=2484))"
				+ "(CONNECT_DATA=(SERVICE_NAME=app)))";
		JdbcTlsAssessment described = assess(descriptor);
		assertThat(described.status()).isEqualTo(Status.UPGRADED);
		assertThat(described.url()).isEqualTo(descriptor);
		assertThat(described.addedProperties()).containsExactly(Map.entry("oracle.net.ssl_server_dn_match", "true"));
		assertThat(described.host()).isEqualTo("db.example");
		assertThat(assess(descriptor.replace("(CONNECT_DATA", "(SECURITY=(SSL_SERVER_DN_MATCH=TRUE))(CONNECT_DATA"))
			.status()).isEqualTo(Status.VERIFIED);
		for (String plain : List.of("jdbc:oracle:thin:@db:1521/app", "jdbc:oracle:thin:@//db:1521/app",
				"jdbc:oracle:thin:@tcp://db:1521/app", "jdbc:oracle:thin:scott/secret@db:1521:orcl",
				descriptor.replace("(ADDRESS=(PROTOCOL=TCPS)",
						"(ADDRESS=(PROTOCOL=TCPS)(HOST=a)(PORT=1))(ADDRESS=(PROTOCOL=tcp)"))) {
			assertThat(assess(plain).weaknesses()).as(plain)
				.singleElement()
				.satisfies((weakness) -> assertThat(weakness.problem()).contains("TCP protocol, without TLS"));
		}
		assertThat(assess("jdbc:oracle:thin:@prod_alias").weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.problem()).contains("TNS alias"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:h2:mem:test", "jdbc:h2:file:./data/app", "jdbc:h2:~/app", "jdbc:h2:./app",
			"jdbc:hsqldb:mem:test", "jdbc:hsqldb:file:data/app", "jdbc:derby:memory:app;create=true",
			"jdbc:derby:app" })
	void inProcessDatabasesAreAllowed(String url) {
		JdbcTlsAssessment assessment = assess(url);
		assertThat(assessment.status()).isEqualTo(Status.IN_PROCESS);
		assertThat(assessment.isNetworked()).isFalse();
		assertThat(assessment.weaknesses()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:h2:tcp://db/app", "jdbc:hsqldb:hsql://db/app", "jdbc:hsqldb:http://db/app",
			"jdbc:derby://db:1527/app", "jdbc:derby://db:1527/app;ssl=basic", "jdbc:derby://db:1527/app;ssl=off" })
	void plaintextServerModesOfEmbeddableDatabasesAreWeaknesses(String url) {
		JdbcTlsAssessment assessment = assess(url);
		assertThat(assessment.status()).isEqualTo(Status.WEAKENED);
		assertThat(assessment.url()).isEqualTo(url);
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdbc:h2:ssl://db/app", "jdbc:hsqldb:hsqls://db/app", "jdbc:hsqldb:https://db/app",
			"jdbc:derby://db:1527/app;ssl=peerAuthentication" })
	void tlsServerModesOfEmbeddableDatabasesCannotBeVerifiedByTheStarter(String url) {
		assertThat(assess(url).weaknesses()).singleElement().satisfies((weakness) -> {
			assertThat(weakness.problem())
				.contains("cannot give it the JDBC trust bundle or check the server's host name");
			assertThat(weakness.fix()).contains("secure.comms.jdbc.allowed-urls");
		});
		assertThat(new JdbcUrlPolicy(List.of(url)).assess(JdbcConnectionSettings.of(url)).status())
			.isEqualTo(Status.ALLOWED);
	}

	@Test
	void h2AutoServerIsNetworked() {
		JdbcTlsAssessment assessment = assess("jdbc:h2:./data/app;MODE=PostgreSQL;auto_server=TRUE");
		assertThat(assessment.isNetworked()).isTrue();
		assertThat(assessment.weaknesses()).singleElement().satisfies((weakness) -> {
			assertThat(weakness.parameter()).isEqualTo("URL parameter auto_server");
			assertThat(weakness.problem()).contains("opens a TCP server without TLS");
		});
		assertThat(assess("jdbc:h2:./data/app;AUTO_SERVER=FALSE").status()).isEqualTo(Status.IN_PROCESS);
	}

	@Test
	void sqlServerReadsNamesInAnyCaseTheLastDuplicateAndPropertiesOverTheUrl() {
		assertThat(assess("jdbc:sqlserver://db;encrypt=true;trustServerCertificate=false;TrustServerCertificate=true")
			.weaknesses()).singleElement().satisfies((weakness) -> {
				assertThat(weakness.parameter()).isEqualTo("URL parameter TrustServerCertificate");
				assertThat(weakness.problem()).contains("trusts every certificate");
			});
		assertThat(assess("jdbc:sqlserver://db;encrypt=true;TrustServerCertificate=true;trustServerCertificate=false")
			.status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:sqlserver://db;encrypt=true;trustServerCertificate={true}").status())
			.isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:sqlserver://db;encrypt = {strict} ;databaseName={a;b}}c}").status())
			.isEqualTo(Status.VERIFIED);
		assertThat(SqlServerTlsRule.urlParameters("jdbc:sqlserver://db;databaseName={a;b}}c};encrypt=strict"))
			.extracting(JdbcConnectionSettings.Parameter::value)
			.containsExactly("a;b}c", "strict");
		assertThat(assess("jdbc:sqlserver://db;encrypt=strict", Map.of("ENCRYPT", "false")).weaknesses())
			.singleElement()
			.satisfies((weakness) -> {
				assertThat(weakness.parameter()).isEqualTo("driver property ENCRYPT");
				assertThat(weakness.fix())
					.startsWith("encrypt=strict (driver property ENCRYPT is what the driver uses");
			});
		assertThat(assess("jdbc:sqlserver://db;encrypt=false", Map.of("encrypt", "strict")).status())
			.isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:sqlserver://db;encrypt=strict", Map.of("encrypt", "strict", "Encrypt", "false"))
			.weaknesses()).anySatisfy((weakness) -> assertThat(weakness.problem()).contains("cannot be known"));
	}

	@Test
	void sqlServerForeignTrustManagerOrAnotherCertificateHostNameIsAWeakness() {
		assertThat(assess("jdbc:sqlserver://db;encrypt=strict;trustManagerClass=com.acme.TrustAll").weaknesses())
			.singleElement()
			.satisfies(
					(weakness) -> assertThat(weakness.problem()).contains("replaces the driver's certificate checks"));
		assertThat(assess("jdbc:sqlserver://db.example:1433;encrypt=strict;hostNameInCertificate=other.example")
			.weaknesses()).singleElement().satisfies((weakness) -> {
				assertThat(weakness.parameter()).isEqualTo("URL parameter hostNameInCertificate");
				assertThat(weakness.problem())
					.contains("issued for other.example instead of the server's own name db.example");
			});
		assertThat(assess("jdbc:sqlserver://app.database.windows.net;encrypt=strict;"
				+ "hostNameInCertificate=*.database.windows.net")
			.status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:sqlserver://;serverName=db.example;encrypt=strict;hostNameInCertificate=DB.example")
			.status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:sqlserver://a.b.example;encrypt=strict;hostNameInCertificate=*.example").status())
			.isEqualTo(Status.WEAKENED);
	}

	@Test
	void oracleCountsEveryDnMatchOfADescriptorListAndTheProperty() {
		String list = "jdbc:oracle:thin:@(DESCRIPTION_LIST=(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=a)(PORT=2484))"
				+ "(SECURITY=(SSL_SERVER_DN_MATCH=TRUE)))(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=b)(PORT=2484))"
				+ "(SECURITY=(SSL_SERVER_DN_MATCH=%s))))";
		assertThat(assess(list.formatted("TRUE")).status()).isEqualTo(Status.VERIFIED);
		assertThat(assess(list.formatted("FALSE")).weaknesses()).singleElement().satisfies((weakness) -> {
			assertThat(weakness.parameter()).isEqualTo("URL parameter SSL_SERVER_DN_MATCH");
			assertThat(weakness.value()).isEqualTo("FALSE");
		});
		assertThat(assess(list.formatted("TRUE"), Map.of("oracle.net.ssl_server_dn_match", "false")).weaknesses())
			.singleElement()
			.satisfies((weakness) -> assertThat(weakness.parameter())
				.isEqualTo("driver property oracle.net.ssl_server_dn_match"));
		// A DESCRIPTION without its own value takes the property, which the starter then
		// adds.
		JdbcTlsAssessment partly = assess(list.formatted("TRUE")
			.replace("(SECURITY=(SSL_SERVER_DN_MATCH=TRUE)))(DESCRIPTION", "")
			.replace("(DESCRIPTION_LIST=(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=a)(PORT=2484))",
					"(DESCRIPTION_LIST=(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=a)(PORT=2484)))(DESCRIPTION"));
		assertThat(partly.status()).isEqualTo(Status.UPGRADED);
		assertThat(partly.addedProperties()).containsExactly(Map.entry("oracle.net.ssl_server_dn_match", "true"));
		assertThat(assess("jdbc:oracle:thin:@tcps://db:2484/app?ssl_server_dn_match=true",
				Map.of("oracle.net.ssl_server_dn_match", "false"))
			.status()).isEqualTo(Status.WEAKENED);
	}

	@Test
	void unknownDriverIsAWeaknessThatListsTheSupportedOnesAndHowToAllowIt() {
		JdbcTlsAssessment assessment = assess("jdbc:db2://db:50000/app");
		assertThat(assessment.status()).isEqualTo(Status.UNSUPPORTED);
		assertThat(assessment.weaknesses()).singleElement().satisfies((weakness) -> {
			assertThat(weakness.value()).isEqualTo("jdbc:db2:");
			assertThat(weakness.problem()).contains("PostgreSQL (pgjdbc)", "MySQL", "MariaDB", "SQL Server", "Oracle",
					"H2, HSQLDB or Derby");
			assertThat(weakness.fix()).contains("secure.comms.jdbc.allowed-urls");
		});
		assertThat(assess("jdbc:acme://vetted.example:1/app").status()).isEqualTo(Status.ALLOWED);
		assertThat(assess("jdbc:acme://other.example:1/app").status()).isEqualTo(Status.UNSUPPORTED);
	}

	@Test
	void noWeaknessEverQuotesAPassword() {
		for (String url : List.of("jdbc:postgresql://db/app?user=u&password=hunter2&sslmode=disable",
				"jdbc:oracle:thin:scott/hunter2@db:1521:orcl", "jdbc:mysql://u:hunter2@db/app?sslMode=DISABLED",
				"jdbc:sqlserver://db;password=hunter2;encrypt=false", "jdbc:db2://db/app:password=hunter2;",
				"jdbc:mysql://(host=db,password=hunter2,sslMode=DISABLED)/app",
				"jdbc:mysql://address=(host=db)(password=hunter2)(sslMode=DISABLED)/app",
				"jdbc:mariadb://address=(host=db)(password=hunter2)(sslMode=disable)/app")) {
			JdbcTlsAssessment assessment = assess(url, Map.of("password", "hunter2"));
			assertThat(assessment.weaknesses()).as(url)
				.isNotEmpty()
				.allSatisfy((weakness) -> assertThat(
						weakness.parameter() + weakness.value() + weakness.problem() + weakness.fix())
					.doesNotContain("hunter2"));
			assertThat(String.valueOf(assessment.host())).doesNotContain("hunter2");
		}
	}

}
