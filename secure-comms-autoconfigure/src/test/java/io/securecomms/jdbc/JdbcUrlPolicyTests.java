package io.securecomms.jdbc;

import java.util.List;
import java.util.Map;

import io.securecomms.jdbc.JdbcTlsAssessment.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-driver URL policy: which URLs and properties already verify the server, which ones the starter
 * upgrades (and with what), which ones weaken TLS (and what the message says), in every spelling drivers accept.
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
	@ValueSource(strings = { "jdbc:postgresql://db/app?sslmode=verify-full", "jdbc:postgresql://db/app?SSLMODE=Verify-Full",
			"jdbc:postgresql://db/app?ssl=true", "jdbc:postgresql://db/app?ssl" })
	void postgresVerifyFullInAnySpellingIsAcceptedAsItIs(String url) {
		JdbcTlsAssessment assessment = assess(url);
		assertThat(assessment.status()).isEqualTo(Status.VERIFIED);
		assertThat(assessment.url()).isEqualTo(url);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "disable|turns TLS off", "allow|falls back to plaintext",
			"prefer|falls back to plaintext", "require|never checks the server's certificate",
			"verify-ca|not the host name", "REQUIRE|never checks the server's certificate" })
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
		JdbcTlsAssessment assessment = assess("jdbc:postgresql://db/app", Map.of("sslMode", "disable"));
		assertThat(assessment.status()).isEqualTo(Status.WEAKENED);
		assertThat(assessment.weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.parameter()).isEqualTo("driver property sslMode"));
		assertThat(assess("jdbc:postgresql://db/app", Map.of("sslmode", "verify-full")).status())
			.isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:postgresql://db/app", Map.of("ssl", "false")).status()).isEqualTo(Status.WEAKENED);
	}

	@Test
	void postgresForeignSocketFactoryOrHostnameVerifierIsAWeakness() {
		JdbcTlsAssessment assessment = assess(
				"jdbc:postgresql://db/app?sslmode=verify-full&sslfactory=org.postgresql.ssl.NonValidatingFactory");
		assertThat(assessment.weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.problem()).contains("trusts every certificate"));
		assertThat(assess("jdbc:postgresql://db/app?sslmode=verify-full&sslhostnameverifier=com.acme.Lenient")
			.weaknesses()).singleElement().satisfies((weakness) -> assertThat(weakness.problem()).contains("host name"));
		assertThat(assess("jdbc:postgresql://db/app?sslmode=verify-full",
				Map.of("sslfactory", PostgresTlsSocketFactory.class.getName())).status()).isEqualTo(Status.VERIFIED);
	}

	@Test
	void mysqlIsUpgradedToVerifyIdentityAndEveryWeakerModeIsAWeakness() {
		assertThat(assess("jdbc:mysql://db:3306/app").url()).isEqualTo("jdbc:mysql://db:3306/app?sslMode=VERIFY_IDENTITY");
		assertThat(assess("jdbc:mysql://db/app?sslMode=VERIFY_IDENTITY").status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:mysql://db/app?sslmode=verify_identity").status()).isEqualTo(Status.VERIFIED);
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

	@Test
	void mariadbIsUpgradedToVerifyFullAndTrustSwitchesAreWeaknesses() {
		assertThat(assess("jdbc:mariadb://db/app").url()).isEqualTo("jdbc:mariadb://db/app?sslMode=verify-full");
		assertThat(assess("jdbc:mariadb://db/app?sslMode=VERIFY_FULL").status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:mariadb://db/app?sslMode=trust").weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.problem()).contains("trusts every certificate"));
		assertThat(assess("jdbc:mariadb://db/app?sslMode=verify-ca").status()).isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:mariadb://db/app?sslMode=disable").status()).isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:mariadb://db/app?sslMode=verify-full&trustServerCertificate=true").status())
			.isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:mariadb://db/app", Map.of("disableSslHostnameVerification", "true")).status())
			.isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:mariadb://db/app?useSsl=false").status()).isEqualTo(Status.WEAKENED);
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
				descriptor.replace("(ADDRESS=(PROTOCOL=TCPS)", "(ADDRESS=(PROTOCOL=TCPS)(HOST=a)(PORT=1))(ADDRESS=(PROTOCOL=tcp)"))) {
			assertThat(assess(plain).weaknesses()).as(plain).singleElement()
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

	@Test
	void serverModesOfEmbeddableDatabasesMustUseTls() {
		assertThat(assess("jdbc:h2:tcp://db/app").weaknesses()).singleElement()
			.satisfies((weakness) -> assertThat(weakness.fix()).contains("jdbc:h2:ssl://"));
		assertThat(assess("jdbc:h2:ssl://db/app").status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:hsqldb:hsql://db/app").status()).isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:hsqldb:http://db/app").status()).isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:hsqldb:hsqls://db/app").status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:hsqldb:https://db/app").status()).isEqualTo(Status.VERIFIED);
		assertThat(assess("jdbc:derby://db:1527/app").url()).isEqualTo("jdbc:derby://db:1527/app;ssl=peerAuthentication");
		assertThat(assess("jdbc:derby://db:1527/app;ssl=basic").status()).isEqualTo(Status.WEAKENED);
		assertThat(assess("jdbc:derby://db:1527/app;ssl=off").status()).isEqualTo(Status.WEAKENED);
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
				"jdbc:sqlserver://db;password=hunter2;encrypt=false", "jdbc:db2://db/app:password=hunter2;")) {
			JdbcTlsAssessment assessment = assess(url, Map.of("password", "hunter2"));
			assertThat(assessment.weaknesses()).as(url).isNotEmpty().allSatisfy((weakness) -> assertThat(
					weakness.parameter() + weakness.value() + weakness.problem() + weakness.fix()).doesNotContain("hunter2"));
			assertThat(String.valueOf(assessment.host())).doesNotContain("hunter2");
		}
	}

}
