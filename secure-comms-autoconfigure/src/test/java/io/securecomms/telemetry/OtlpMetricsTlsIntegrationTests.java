package io.securecomms.telemetry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.testsupport.TestCertificates;
import io.securecomms.testsupport.TestCertificates.Authority;
import io.securecomms.testsupport.TestCertificates.Spec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Boot's OTLP meter registry against a real OTLP/HTTP receiver over TLS on loopback: metrics leave only over
 * verified TLS, observed on {@code channel=monitoring} with {@code peer=otlp-metrics}; Boot's plaintext default
 * stops startup in enforce mode naming the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtlpMetricsTlsIntegrationTests {

	private static final String URL = "management.otlp.metrics.export.url";

	@TempDir
	static Path directory;

	static Authority ca;

	@BeforeAll
	static void pki() {
		ca = TestCertificates.rootCa("collector CA");
		ca.writePem(directory, "ca");
	}

	@Test
	void metricsArriveOverTlsWithTheBundlesTrust() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.presenting(ca.issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(URL + "=" + receiver.url("/v1/metrics"))) {
			publish(app);

			assertThat(receiver.metrics()).isPositive();
			MiddlewareApp.awaitHandshake(app, "monitoring", "otlp-metrics");
			assertThat(MiddlewareApp.failures(app)).isZero();
		}
	}

	@Test
	void aReceiverFromAnotherCaIsRefusedAndCounted(CapturedOutput output) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver
			.presenting(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(URL + "=" + receiver.url("/v1/metrics"))) {
			publish(app);

			MiddlewareApp.awaitOneFailure(app, "monitoring", "otlp-metrics", "cert_untrusted");
			assertThat(receiver.metrics()).isZero();
			assertThat(output).contains("its CA is not in secure.comms.middleware.trust-bundle");
		}
	}

	@Test
	void bootsPlaintextDefaultStopsStartupInEnforceModeNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start().close());

		assertThat(output).contains(URL + " = 'http://localhost:4318/v1/metrics': the telemetry exporter "
				+ "sends to the collector in plaintext", "set " + URL + " to the collector's https:// endpoint");
	}

	@Test
	void bootsPlaintextDefaultStartsInReportModeWithTheViolation(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start("secure.comms.mode=report")) {
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: " + URL
					+ "=http://localhost:4318/v1/metrics: the telemetry exporter sends to the collector in plaintext");
			assertThat(MiddlewareApp.violations(app)).isEqualTo(1);
		}
	}

	/** Closing the registry publishes what it holds: a forced flush rather than waiting for its step. */
	private static void publish(ConfigurableApplicationContext app) {
		app.getBean(OtlpMeterRegistry.class).close();
	}

	private static ConfigurableApplicationContext start(String... extra) {
		List<String> properties = new ArrayList<>(List.of("test.otlp-metrics.enabled=true",
				"secure.comms.middleware.revocation=off", "secure.comms.middleware.trust-bundle=collector",
				"spring.ssl.bundle.pem.collector.truststore.certificate=file:" + directory.resolve("ca.crt")));
		properties.addAll(List.of(extra));
		return MiddlewareApp.start(properties);
	}

}
