package io.securecomms.actuate;

import java.time.Instant;
import java.util.List;

import io.securecomms.actuate.PostureReport.CertificatePosture;
import io.securecomms.actuate.PostureReport.Check;
import io.securecomms.actuate.PostureReport.DataSourcePosture;
import io.securecomms.actuate.PostureReport.LibraryPosture;
import io.securecomms.actuate.PostureReport.MiddlewarePosture;
import io.securecomms.actuate.PostureReport.TargetPosture;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each check fails for the thing it is about, and says which.
 */
class PostureChecksTests {

	private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

	private static final List<String> SUITES = List.of("TLS_AES_256_GCM_SHA384",
			"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");

	private static final ConnectorPosture SERVER = new ConnectorPosture("server", 8443, "tls", PROTOCOLS, "none", true);

	private static final ConnectorPosture MANAGEMENT = new ConnectorPosture("management", 9443, "tls", PROTOCOLS,
			"required", true);

	private static final TargetPosture DEFAULTS = new TargetPosture("default", List.of(), "backends", false, null,
			List.of(), "soft-fail", List.of());

	private static final CertificatePosture FRESH = new CertificatePosture("server", "presents", "CN=app", "CN=ca", "1",
			Instant.now().plusSeconds(86400 * 300), 300, false);

	@Test
	void aSoundPosturePasses() {
		assertThat(checks(List.of(SERVER, MANAGEMENT), false, List.of(), List.of(FRESH)))
			.allSatisfy(
					(check) -> assertThat(check.status()).as(check.toString()).isIn(Check.PASS, Check.NOT_APPLICABLE))
			.hasSize(11);
	}

	@Test
	void eachWeaknessFailsItsOwnCheck() {
		ConnectorPosture plaintext = new ConnectorPosture("server", 8080, "plaintext", List.of(), "none", false);
		assertThat(status(checks(List.of(SERVER, plaintext), false, List.of(), List.of(FRESH)), "V12.3.1"))
			.isEqualTo("fail: server port 8080 serves plaintext");

		ConnectorPosture oldProtocol = new ConnectorPosture("server", 8443, "tls", List.of("TLSv1.1", "TLSv1.2"),
				"none", true);
		assertThat(status(checks(List.of(oldProtocol), false, List.of(), List.of(FRESH)), "V12.1.1"))
			.isEqualTo("fail: server port 8443: TLSv1.1");

		ConnectorPosture openManagement = new ConnectorPosture("management", 9443, "tls", PROTOCOLS, "optional", true);
		assertThat(status(checks(List.of(SERVER, openManagement), false, List.of(), List.of(FRESH)), "V12.3.5"))
			.isEqualTo("fail: management port 9443 client-auth optional");

		assertThat(status(checks(List.of(SERVER), true, List.of(), List.of(FRESH)), "V12.2.1"))
			.isEqualTo("fail: secure.comms.client.allow-plaintext=true");

		DataSourcePosture weakened = new DataSourcePosture("orders", "PostgreSQL (pgjdbc)", "db:5432", "weakened",
				"sslmode=prefer");
		List<Check> withDatabase = checks(List.of(SERVER), false, List.of(weakened), List.of(FRESH));
		assertThat(status(withDatabase, "V12.2.1")).isEqualTo("fail: data source 'orders': sslmode=prefer");
		assertThat(status(withDatabase, "V12.3.1")).isEqualTo("fail: data source 'orders' (weakened)");

		CertificatePosture expiring = new CertificatePosture("server", "presents", "CN=app", "CN=ca", "2",
				Instant.now().plusSeconds(86400 * 3), 3, true);
		assertThat(status(checks(List.of(SERVER), false, List.of(), List.of(expiring)), "operations"))
			.isEqualTo("fail: CN=app (server) in 3 days");
	}

	@Test
	void aClientBeanOnAFactoryOfItsOwnFailsTlsEverywhere() {
		List<Check> checks = new PostureChecks(PROTOCOLS, SUITES, List.of(SERVER), List.of(DEFAULTS), false,
				List.of("RestTemplate bean 'legacy'"), List.of(), "databases", "soft-fail", List.of(FRESH), List.of())
			.evaluate();

		assertThat(status(checks, "V12.3.1"))
			.isEqualTo("fail: RestTemplate bean 'legacy' runs on a factory of its own, unchecked");
		assertThat(status(checks(List.of(SERVER), false, List.of(), List.of(FRESH)), "V12.3.1")).isEqualTo("pass");
	}

	@Test
	void middlewareWithoutVerifiedTlsFailsTheEncryptionAndValidationChecks() {
		MiddlewarePosture plaintext = new MiddlewarePosture("redis", "spring.data.redis.*", List.of("cache:6379"),
				"weakened", "none", false, List.of("spring.data.redis.ssl.enabled=false: plaintext"));
		MiddlewarePosture verified = new MiddlewarePosture("kafka", "spring.kafka.*", List.of("broker:9093"), "tls",
				"kafka (spring.kafka.ssl.bundle)", true, List.of());
		MiddlewarePosture unconfigured = new MiddlewarePosture("mongodb", "spring.mongodb.* (Boot's default)",
				List.of("localhost:27017"), "unconfigured", "none", false,
				List.of("not checked: nothing configures it"));
		List<Check> checks = new PostureChecks(PROTOCOLS, SUITES, List.of(SERVER), List.of(DEFAULTS), false, List.of(),
				List.of(), "databases", "soft-fail", List.of(FRESH), List.of(plaintext, verified, unconfigured))
			.evaluate();

		assertThat(status(checks, "V12.3.1")).isEqualTo("fail: redis client spring.data.redis.* (weakened)");
		assertThat(status(checks, "V12.2.1")).isEqualTo("fail: redis client spring.data.redis.* (weakened)");
		assertThat(status(checks, "V12.3.2")).isEqualTo(
				"fail: redis client spring.data.redis.* does not verify the server (trust: none, host name checked: false)");
		assertThat(status(
				new PostureChecks(PROTOCOLS, SUITES, List.of(SERVER), List.of(DEFAULTS), false, List.of(), List.of(),
						"databases", "soft-fail", List.of(FRESH), List.of(verified, unconfigured))
					.evaluate(),
				"V12.3.1"))
			.isEqualTo("pass");
		assertThat(checks.stream()
			.filter((check) -> check.requirement().endsWith("V12.3.4"))
			.findFirst()
			.orElseThrow()
			.detail()).contains("kafka: kafka (spring.kafka.ssl.bundle)");
	}

	@Test
	void aLibraryWithAKnownFlawOrAnUnreadableVersionFailsTheComponentsCheck() {
		LibraryPosture fixed = new LibraryPosture("httpclient5", "5.6.5", "pom.properties in httpclient5-5.6.5.jar",
				"ok", "");
		LibraryPosture flawed = new LibraryPosture("httpclient5", "5.5.2", "pom.properties in httpclient5-5.5.2.jar",
				"flawed", "CVE-2026-71290 (>= 5.4, < 5.6.4): ...; use httpclient5 5.6.4 or later");
		LibraryPosture unreadable = new LibraryPosture("netty-handler", "unknown", "no version readable in app.jar",
				"unknown", "");
		assertThat(status(libraryChecks(List.of(fixed, unreadable)), "V15.2.1")).isEqualTo("pass");
		assertThat(status(libraryChecks(List.of(flawed, unreadable)), "V15.2.1")).isEqualTo(
				"fail: httpclient5 5.5.2 (flawed): CVE-2026-71290 (>= 5.4, < 5.6.4): ...; use httpclient5 5.6.4 or later");
		assertThat(status(libraryChecks(List.of()), "V15.2.1")).startsWith("not_applicable");
	}

	private static List<Check> libraryChecks(List<LibraryPosture> libraries) {
		return new PostureChecks(PROTOCOLS, SUITES, List.of(SERVER), List.of(DEFAULTS), false, List.of(), List.of(),
				"databases", "soft-fail", List.of(FRESH), List.of(), null, libraries)
			.evaluate();
	}

	@Test
	void withoutASeparateManagementPortMutualTlsIsNotApplicable() {
		assertThat(status(checks(List.of(SERVER), false, List.of(), List.of(FRESH)), "V12.3.5"))
			.startsWith("not_applicable");
	}

	@Test
	void theJvmDefaultContextIsCoveredOnlyWhenInstalled() {
		PostureReport.JvmDefaultPosture installed = new PostureReport.JvmDefaultPosture("installed",
				"backends (secure.comms.client.trust-bundle)", "soft-fail", PROTOCOLS, "not covered: own contexts");
		PostureReport.JvmDefaultPosture disabled = new PostureReport.JvmDefaultPosture("disabled",
				"the JVM's own (javax.net.ssl.trustStore or the JDK's cacerts)", "off", List.of("TLSv1.3", "TLSv1.1"),
				"not covered: own contexts");
		assertThat(jvmDefaultCheck(installed)).satisfies((check) -> {
			assertThat(check.status()).isEqualTo(Check.PASS);
			assertThat(check.detail()).contains("backends (secure.comms.client.trust-bundle)", "channel=jvm-default",
					"not covered: own contexts");
		});
		assertThat(jvmDefaultCheck(disabled)).satisfies((check) -> {
			assertThat(check.status()).isEqualTo(Check.FAIL);
			assertThat(check.detail()).startsWith("not covered: secure.comms.jvm-default.enabled=false")
				.contains("TLSv1.1", "revocation off");
		});
	}

	private static Check jvmDefaultCheck(PostureReport.JvmDefaultPosture jvmDefault) {
		List<Check> checks = new PostureChecks(PROTOCOLS, SUITES, List.of(SERVER), List.of(DEFAULTS), false, List.of(),
				List.of(), "databases", "soft-fail", List.of(FRESH), List.of(), jvmDefault, List.of())
			.evaluate();
		assertThat(checks).hasSize(12);
		return checks.stream().filter((check) -> check.title().contains("JVM default")).findFirst().orElseThrow();
	}

	private static List<Check> checks(List<ConnectorPosture> connectors, boolean allowPlaintext,
			List<DataSourcePosture> dataSources, List<CertificatePosture> certificates) {
		return new PostureChecks(PROTOCOLS, SUITES, connectors, List.of(DEFAULTS), allowPlaintext, List.of(),
				dataSources, "databases", "soft-fail", certificates, List.of())
			.evaluate();
	}

	private static String status(List<Check> checks, String requirement) {
		return checks.stream()
			.filter((check) -> check.requirement().endsWith(requirement))
			.map((check) -> check.status() + (check.status().equals(Check.PASS) ? "" : ": " + check.detail()))
			.findFirst()
			.orElseThrow();
	}

}
