package io.securecomms.telemetry;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.middleware.MiddlewareConnections.Entry;
import io.securecomms.middleware.MiddlewareConnections.Status;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.trust.SpkiPins;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import zipkin2.reporter.BytesMessageSender;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Boot's Zipkin sender (the JDK {@code HttpClient} Boot builds, given the exporter's SSL
 * context through {@code ZipkinHttpClientBuilderCustomizer}) against a real Zipkin
 * receiver over TLS on loopback: spans leave only over verified TLS with the client
 * trust, each refusal is counted on {@code channel=monitoring, peer=zipkin}, and Boot's
 * plaintext default endpoint stops startup in enforce mode, whatever
 * {@code secure.comms.middleware.require-tls} says, unless {@code plaintext-allowed}
 * lists {@code monitoring}.
 */
@ExtendWith(OutputCaptureExtension.class)
class ZipkinTlsIntegrationTests {

	private static final String PROPERTY = "management.tracing.export.zipkin.endpoint";

	private static final String DEFAULT_ENDPOINT = "http://localhost:9411/api/v2/spans";

	/**
	 * One span in Zipkin's JSON v2 encoding, as the tracer's span handler hands it to the
	 * sender.
	 */
	private static final byte[] SPAN = ("{\"traceId\":\"5af7183fb1d4cf5f\",\"id\":\"6b221d5bc9e6496c\","
			+ "\"name\":\"over-tls\",\"timestamp\":1700000000000000,\"duration\":1000,"
			+ "\"localEndpoint\":{\"serviceName\":\"secure-comms\"}}")
		.getBytes(StandardCharsets.UTF_8);

	@TempDir
	static Path directory;

	static Authority ca;

	@BeforeAll
	static void pki() {
		ca = TestCertificates.rootCa("collector CA");
		ca.writePem(directory, "ca");
	}

	@Test
	void spansArriveOverTlsWithTheClientTrust() throws Exception {
		try (TelemetryReceiver receiver = TelemetryReceiver.presenting(ca.issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(receiver)) {
			send(app);

			assertThat(receiver.received(TelemetryReceiver.ZIPKIN_SPANS)).isEqualTo(1);
			MiddlewareApp.awaitHandshake(app, "monitoring", "zipkin");
			assertThat(MiddlewareApp.failures(app)).isZero();
			Entry entry = MiddlewareApp.connection(app, "monitoring");
			assertThat(entry.status()).isEqualTo(Status.TLS);
			assertThat(entry.connection().client()).isEqualTo("zipkin (" + PROPERTY + ")");
			assertThat(entry.connection().hosts()).containsExactly("localhost:" + receiver.port());
			assertThat(entry.connection().trustSource()).isEqualTo("collector (secure.comms.client.trust-bundle)");
		}
	}

	@Test
	void theClientIdentityIsPresentedToAReceiverThatRequiresOne() throws Exception {
		Authority clients = TestCertificates.rootCa("exporter clients CA");
		clients.issue(Spec.client("zipkin-exporter")).writePem(directory, "exporter");
		try (TelemetryReceiver receiver = TelemetryReceiver
			.presentingAndRequiringClientsOf(ca.issue(Spec.server("localhost")), clients.certificate());
				ConfigurableApplicationContext app = start(receiver, "secure.comms.client.identity-bundle=exporter",
						"spring.ssl.bundle.pem.exporter.keystore.certificate=file:" + directory.resolve("exporter.crt"),
						"spring.ssl.bundle.pem.exporter.keystore.private-key=file:"
								+ directory.resolve("exporter.key"))) {
			send(app);

			assertThat(receiver.fromAuthenticatedClients()).isEqualTo(1);
			MiddlewareApp.awaitHandshake(app, "monitoring", "zipkin");
			assertThat(MiddlewareApp.failures(app)).isZero();
		}
	}

	@Test
	void aReceiverFromAnotherCaIsRefusedAndCounted() throws Exception {
		try (TelemetryReceiver receiver = TelemetryReceiver
			.presenting(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(receiver)) {
			assertThatException().isThrownBy(() -> send(app))
				.withMessageContaining("is not trusted: its CA is not in secure.comms.client.trust-bundle");

			MiddlewareApp.awaitOneFailure(app, "monitoring", "zipkin", "cert_untrusted");
			assertThat(receiver.received(TelemetryReceiver.ZIPKIN_SPANS)).isZero();
		}
	}

	@Test
	void aReceiverWhoseCertificateNamesAnotherHostIsRefusedAndCounted() throws Exception {
		try (TelemetryReceiver receiver = TelemetryReceiver.presenting(ca.issue(Spec.server("elsewhere.example")));
				ConfigurableApplicationContext app = start(receiver)) {
			assertThatException().isThrownBy(() -> send(app))
				.withMessageContaining("is not valid for host 'localhost': it names [elsewhere.example]");

			MiddlewareApp.awaitOneFailure(app, "monitoring", "zipkin", "hostname_mismatch");
			assertThat(receiver.received(TelemetryReceiver.ZIPKIN_SPANS)).isZero();
		}
	}

	@Test
	void aTargetsPinThatMatchesNoCertificateOfTheChainIsRefusedAndCounted() throws Exception {
		String otherPin = SpkiPins.pinOf(TestCertificates.rootCa("other CA").certificate());
		try (TelemetryReceiver receiver = TelemetryReceiver.presenting(ca.issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(receiver,
						"secure.comms.client.targets.collector.hosts=localhost",
						"secure.comms.client.targets.collector.pins=" + otherPin)) {
			assertThatException().isThrownBy(() -> send(app))
				.withMessageContaining("no certificate of the server's chain matches");

			MiddlewareApp.awaitOneFailure(app, "monitoring", "zipkin", "pin_mismatch");
			assertThat(receiver.received(TelemetryReceiver.ZIPKIN_SPANS)).isZero();
		}
	}

	@Test
	void bootsPlaintextDefaultStopsStartupInEnforceModeEvenWithMiddlewareRequireTlsOff(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> startWithoutEndpoint("secure.comms.middleware.require-tls=false").close());

		assertThat(output).contains(
				PROPERTY + " = '" + DEFAULT_ENDPOINT + "': the telemetry exporter sends to the "
						+ "collector in plaintext",
				"set " + PROPERTY + " to the collector's https:// endpoint",
				"or disable that export with management.tracing.export.zipkin.enabled=false");
	}

	@Test
	void bootsPlaintextDefaultStartsInReportModeWithTheViolation(CapturedOutput output) {
		try (ConfigurableApplicationContext app = startWithoutEndpoint("secure.comms.mode=report")) {
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: " + PROPERTY + "="
					+ DEFAULT_ENDPOINT + ": the telemetry exporter sends to the collector in plaintext");
			assertThat(MiddlewareApp.violations(app)).isEqualTo(1);
			assertThat(MiddlewareApp.connection(app, "monitoring").status()).isEqualTo(Status.WEAKENED);
		}
	}

	@Test
	void monitoringInPlaintextAllowedLetsThePlaintextDefaultThroughFlagged(CapturedOutput output) {
		try (ConfigurableApplicationContext app = startWithoutEndpoint(
				"secure.comms.middleware.plaintext-allowed=monitoring")) {
			Entry entry = MiddlewareApp.connection(app, "monitoring");
			assertThat(entry.status()).isEqualTo(Status.PLAINTEXT_ALLOWED);
			assertThat(entry.connection().trustSource()).isEqualTo("none");
			assertThat(MiddlewareApp.violations(app)).isZero();
			assertThat(output).contains("WARN", "secure-comms leaves monitoring client zipkin (" + PROPERTY
					+ ") without verified TLS, as secure.comms.middleware.plaintext-allowed allows");
		}
	}

	/**
	 * Hands one span to Boot's sender, as the tracer's reporter does, and waits for the
	 * answer.
	 */
	private static void send(ConfigurableApplicationContext app) throws Exception {
		app.getBean(BytesMessageSender.class).send(List.of(SPAN));
	}

	private static ConfigurableApplicationContext start(TelemetryReceiver receiver, String... extra) {
		List<String> properties = new ArrayList<>(
				List.of(PROPERTY + "=" + receiver.url(TelemetryReceiver.ZIPKIN_SPANS)));
		properties.addAll(List.of(extra));
		return startWithoutEndpoint(properties.toArray(String[]::new));
	}

	private static ConfigurableApplicationContext startWithoutEndpoint(String... extra) {
		// Boot's 1s connect timeout covers the TLS handshake: too short on a loaded test
		// machine.
		List<String> properties = new ArrayList<>(
				List.of("test.zipkin.enabled=true", "management.tracing.export.zipkin.connect-timeout=10s",
						"secure.comms.client.revocation=off", "secure.comms.client.trust-bundle=collector",
						"spring.ssl.bundle.pem.collector.truststore.certificate=file:" + directory.resolve("ca.crt")));
		properties.addAll(List.of(extra));
		return MiddlewareApp.start(properties);
	}

}
