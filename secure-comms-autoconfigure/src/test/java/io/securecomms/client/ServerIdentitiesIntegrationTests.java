package io.securecomms.client;

import java.nio.file.Path;
import java.util.List;

import io.securecomms.metrics.ClassifiedCertificateException;
import io.securecomms.metrics.FailureReason;
import io.securecomms.testsupport.HttpClients;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A target's {@code server-identities}: after validation, the server's certificate must
 * also name one of them (a SPIFFE ID in a service mesh), else the handshake is refused
 * and counted as {@code hostname_mismatch}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServerIdentitiesIntegrationTests {

	private static final String PAY_ID = "spiffe://example.org/ns/pay/sa/api";

	private static final String PROPERTY = "secure.comms.client.targets.pay.server-identities";

	@TempDir
	static Path directory;

	static ConfigurableApplicationContext app;

	/** localhost, the pay target, with the SPIFFE ID the target requires. */
	static TlsTestServer payServer;

	/** Valid for localhost and from the same CA, but another workload's SPIFFE ID. */
	static TlsTestServer impostor;

	/** 127.0.0.1, the ledger target, whose pattern is a DNS wildcard. */
	static TlsTestServer ledgerServer;

	@BeforeAll
	static void start() {
		Authority ca = TestCertificates.rootCa("mesh CA");
		payServer = TlsTestServer.presenting(ca.issue(Spec.server("localhost").uri(PAY_ID))).start();
		impostor = TlsTestServer.presenting(ca.issue(Spec.server("localhost")
			.commonName("impostor\nINFO forged line")
			.uri("spiffe://example.org/ns/shop/sa/api"))).start();
		ledgerServer = TlsTestServer.presenting(ca.issue(Spec.server("127.0.0.1").dnsName("api.ledger.internal")))
			.start();
		ca.writePem(directory, "ca");
		app = run("secure.comms.client.targets.pay.hosts=localhost",
				"secure.comms.client.targets.pay.server-identities=uri:" + PAY_ID,
				"secure.comms.client.targets.ledger.hosts=127.0.0.1",
				"secure.comms.client.targets.ledger.server-identities=uri:spiffe://example.org/ns/ledger/*,"
						+ "dns:*.ledger.internal");
	}

	@AfterAll
	static void stop() {
		app.close();
		payServer.close();
		impostor.close();
		ledgerServer.close();
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void aServerNamingTheRequiredSpiffeIdIsAccepted(HttpClients client) {
		assertThat(client.get(app, payServer.url("/"))).isEqualTo("hello");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void aServerValidForTheHostButWithAnotherSpiffeIdIsRefusedAndCounted(HttpClients client) {
		double before = OutboundHttpIntegrationTests.failures(app, "pay", "hostname_mismatch");

		assertThatException().isThrownBy(() -> client.get(app, impostor.url("/"))).satisfies((thrown) -> {
			ClassifiedCertificateException refusal = refusal(thrown);
			assertThat(refusal.reason()).isEqualTo(FailureReason.HOSTNAME_MISMATCH);
			assertThat(refusal.getMessage())
				.contains("is valid for host 'localhost'",
						"names none of the identities " + PROPERTY + " requires [uri:" + PAY_ID + "]",
						"uri:spiffe://example.org/ns/shop/sa/api", "update " + PROPERTY)
				.doesNotContain("\n");
		});

		assertThat(OutboundHttpIntegrationTests.failures(app, "pay", "hostname_mismatch")).isEqualTo(before + 1);
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void aDnsPatternIsAccepted(HttpClients client) {
		assertThat(client.get(app, "https://127.0.0.1:" + ledgerServer.port() + "/")).isEqualTo("hello");
	}

	@Test
	void theIdentitiesAreRequiredOnlyOfTheirTarget() {
		// The impostor is fine for a host no target with identities covers.
		try (ConfigurableApplicationContext other = run()) {
			assertThat(HttpClients.REST_CLIENT.get(other, impostor.url("/"))).isEqualTo("hello");
		}
	}

	@Test
	void reportModeLetsAnotherIdentityThroughButCountsIt(CapturedOutput output) {
		try (ConfigurableApplicationContext report = run("secure.comms.mode=report",
				"secure.comms.client.targets.pay.hosts=localhost",
				"secure.comms.client.targets.pay.server-identities=uri:" + PAY_ID)) {
			assertThat(HttpClients.REST_CLIENT.get(report, impostor.url("/"))).isEqualTo("hello");

			assertThat(OutboundHttpIntegrationTests.failures(report, "pay", "hostname_mismatch")).isEqualTo(1);
			assertThat(output).contains("names none of the identities " + PROPERTY, "(allowed: report mode)");
		}
	}

	@Test
	void anUnreadablePatternStopsStartupNamingThePropertyAndTheFix(CapturedOutput output) {
		assertThatException().isThrownBy(
				() -> new SpringApplicationBuilder(OutboundSettingsIntegrationTests.BuildsAClientAtStartup.class)
					.properties(properties("secure.comms.client.targets.pay.hosts=localhost",
							"secure.comms.client.targets.pay.server-identities=" + PAY_ID))
					.run()
					.close());

		assertThat(output).contains(PROPERTY + " = '" + PAY_ID + "'", "does not start with dn:, dns: or uri:",
				"Write each entry as dn:");
	}

	private static ClassifiedCertificateException refusal(Throwable thrown) {
		for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
			if (cause instanceof ClassifiedCertificateException refusal) {
				return refusal;
			}
		}
		throw new AssertionError("No certificate refusal in " + thrown, thrown);
	}

	private static ConfigurableApplicationContext run(String... extra) {
		return new SpringApplicationBuilder(TestApplication.class).properties(properties(extra)).run();
	}

	private static String[] properties(String... extra) {
		List<String> properties = new java.util.ArrayList<>(
				List.of("spring.main.web-application-type=none", "spring.main.banner-mode=off",
						"spring.ssl.bundle.pem.backends.truststore.certificate=file:" + directory.resolve("ca.crt"),
						"secure.comms.client.trust-bundle=backends", "secure.comms.client.revocation=off"));
		properties.addAll(List.of(extra));
		return properties.toArray(String[]::new);
	}

}
