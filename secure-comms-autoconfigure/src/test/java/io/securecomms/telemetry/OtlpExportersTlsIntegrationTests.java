package io.securecomms.telemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.securecomms.middleware.MiddlewareConnections.Entry;
import io.securecomms.middleware.MiddlewareConnections.Status;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Boot's OTLP span exporter, OTLP meter registry and OTLP log record exporter against a
 * real OTLP/HTTP receiver over TLS on loopback: telemetry leaves only over verified TLS
 * with the outbound client's trust, each handshake observed on {@code channel=monitoring}
 * with the exporter's name as {@code peer}, and a plaintext endpoint (Boot's default for
 * metrics) stops startup in enforce mode naming the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtlpExportersTlsIntegrationTests {

	@TempDir
	static Path directory;

	static Authority ca;

	@BeforeAll
	static void pki() {
		ca = TestCertificates.rootCa("collector CA");
		ca.writePem(directory, "ca");
	}

	@ParameterizedTest
	@EnumSource
	void telemetryArrivesOverTlsWithTheBundlesTrust(Exporter exporter) throws Exception {
		try (TelemetryReceiver receiver = TelemetryReceiver.presenting(ca.issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = exporter.start(receiver)) {
			exporter.flush.accept(app);

			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> exporter.received.applyAsInt(receiver) > 0);
			MiddlewareApp.awaitHandshake(app, "monitoring", exporter.peer);
			assertThat(MiddlewareApp.failures(app)).isZero();
			Entry entry = MiddlewareApp.connection(app, "monitoring");
			assertThat(entry.status()).isEqualTo(Status.TLS);
			assertThat(entry.connection().client()).isEqualTo(exporter.peer + " (" + exporter.property + ")");
			assertThat(entry.connection().trustSource()).isEqualTo("collector (secure.comms.client.trust-bundle)");
		}
	}

	@ParameterizedTest
	@EnumSource
	void aReceiverFromAnotherCaIsRefusedAndCounted(Exporter exporter, CapturedOutput output) throws Exception {
		try (TelemetryReceiver receiver = TelemetryReceiver
			.presenting(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = exporter.start(receiver)) {
			exporter.flush.accept(app);

			MiddlewareApp.awaitOneFailure(app, "monitoring", exporter.peer, "cert_untrusted");
			assertThat(exporter.received.applyAsInt(receiver)).isZero();
			assertThat(output).contains("its CA is not in secure.comms.client.trust-bundle");
		}
	}

	@Test
	void aPlaintextTracingEndpointStopsStartupInEnforceModeNamingTheProperty(CapturedOutput output) {
		String property = Exporter.TRACING.property;
		assertThatException().isThrownBy(() -> start(property + "=http://localhost:4318/v1/traces").close());

		assertThat(output).contains(
				property + " = 'http://localhost:4318/v1/traces': the telemetry exporter "
						+ "sends to the collector in plaintext",
				"set " + property + " to the collector's https:// endpoint",
				"or disable that export with management.tracing.export.otlp.enabled=false");
	}

	@Test
	void aPlaintextLoggingEndpointStopsStartupInEnforceModeNamingTheProperty(CapturedOutput output) {
		String property = Exporter.LOGGING.property;
		assertThatException().isThrownBy(() -> start(property + "=http://localhost:4318/v1/logs").close());

		assertThat(output).contains(
				property + " = 'http://localhost:4318/v1/logs': the telemetry exporter "
						+ "sends to the collector in plaintext",
				"set " + property + " to the collector's https:// endpoint",
				"or disable that export with management.logging.export.otlp.enabled=false");
	}

	@Test
	void aPlaintextTracingEndpointStartsInReportModeWithTheViolation(CapturedOutput output) {
		String property = Exporter.TRACING.property;
		try (ConfigurableApplicationContext app = start(property + "=http://localhost:4318/v1/traces",
				"secure.comms.mode=report")) {
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: " + property
					+ "=http://localhost:4318/v1/traces: the telemetry exporter sends to the collector in plaintext");
			assertThat(MiddlewareApp.violations(app)).isEqualTo(1);
			assertThat(MiddlewareApp.connection(app, "monitoring").status()).isEqualTo(Status.WEAKENED);
		}
	}

	@Test
	void bootsPlaintextMetricsDefaultStopsStartupInEnforceModeNamingTheProperty(CapturedOutput output) {
		String property = Exporter.METRICS.property;
		assertThatException().isThrownBy(() -> start(Exporter.METRICS.enable).close());

		assertThat(output).contains(
				property + " = 'http://localhost:4318/v1/metrics': the telemetry exporter "
						+ "sends to the collector in plaintext",
				"set " + property + " to the collector's https:// endpoint");
	}

	@Test
	void bootsPlaintextMetricsDefaultStartsInReportModeWithTheViolation(CapturedOutput output) {
		String property = Exporter.METRICS.property;
		try (ConfigurableApplicationContext app = start(Exporter.METRICS.enable, "secure.comms.mode=report")) {
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: " + property
					+ "=http://localhost:4318/v1/metrics: the telemetry exporter sends to the collector in plaintext");
			assertThat(MiddlewareApp.violations(app)).isEqualTo(1);
		}
	}

	private static ConfigurableApplicationContext start(String... extra) {
		List<String> properties = new ArrayList<>(List.of("management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.otlp.timeout=5s", "secure.comms.client.revocation=off",
				"secure.comms.client.trust-bundle=collector",
				"spring.ssl.bundle.pem.collector.truststore.certificate=file:" + directory.resolve("ca.crt")));
		properties.addAll(List.of(extra));
		return MiddlewareApp.start(properties);
	}

	enum Exporter {

		/**
		 * One sampled span, then a flush of the exporter's batch rather than waiting for
		 * its schedule.
		 */
		TRACING("management.opentelemetry.tracing.export.otlp.endpoint", "/v1/traces", "otlp-tracing",
				"management.tracing.export.otlp.enabled=true", (app) -> {
					app.getBean(Tracer.class).nextSpan().name("over-tls").start().end();
					app.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
				}, TelemetryReceiver::traces),

		/**
		 * Closing the registry publishes what it holds, rather than waiting for its step.
		 */
		METRICS("management.otlp.metrics.export.url", "/v1/metrics", "otlp-metrics", "test.otlp-metrics.enabled=true",
				(app) -> app.getBean(OtlpMeterRegistry.class).close(), TelemetryReceiver::metrics),

		/**
		 * One log record emitted through the SDK (what a logging bridge does), then a
		 * flush of the batch.
		 */
		LOGGING("management.opentelemetry.logging.export.otlp.endpoint", "/v1/logs", "otlp-logging",
				"management.logging.export.otlp.enabled=true", (app) -> {
					SdkLoggerProvider logs = app.getBean(SdkLoggerProvider.class);
					logs.get("over-tls").logRecordBuilder().setBody("over tls").emit();
					logs.forceFlush().join(10, TimeUnit.SECONDS);
				}, TelemetryReceiver::logs);

		final String property;

		final String path;

		final String peer;

		/** What turns the export on in a test application. */
		final String enable;

		final Consumer<ConfigurableApplicationContext> flush;

		final ToIntFunction<TelemetryReceiver> received;

		Exporter(String property, String path, String peer, String enable,
				Consumer<ConfigurableApplicationContext> flush, ToIntFunction<TelemetryReceiver> received) {
			this.property = property;
			this.path = path;
			this.peer = peer;
			this.enable = enable;
			this.flush = flush;
			this.received = received;
		}

		ConfigurableApplicationContext start(TelemetryReceiver receiver) {
			return OtlpExportersTlsIntegrationTests.start(this.enable, this.property + "=" + receiver.url(this.path));
		}

	}

}
