package io.securecomms.telemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.tracing.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.testsupport.TestCertificates;
import io.securecomms.testsupport.TestCertificates.Authority;
import io.securecomms.testsupport.TestCertificates.Spec;
import org.awaitility.Awaitility;
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
 * Boot's OTLP span exporter against a real OTLP/HTTP receiver over TLS on loopback: spans leave only over
 * verified TLS, each handshake observed on {@code channel=monitoring} with {@code peer=otlp-tracing}, and a
 * plaintext endpoint stops startup in enforce mode naming the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class OtlpTracingTlsIntegrationTests {

	private static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	@TempDir
	static Path directory;

	static Authority ca;

	@BeforeAll
	static void pki() {
		ca = TestCertificates.rootCa("collector CA");
		ca.writePem(directory, "ca");
	}

	@Test
	void spansArriveOverTlsWithTheBundlesTrust() throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver.presenting(ca.issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(ENDPOINT + "=" + receiver.url("/v1/traces"))) {
			export(app);

			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> receiver.traces() > 0);
			MiddlewareApp.awaitHandshake(app, "monitoring", "otlp-tracing");
			assertThat(MiddlewareApp.failures(app)).isZero();
		}
	}

	@Test
	void aReceiverFromAnotherCaIsRefusedAndCounted(CapturedOutput output) throws Exception {
		try (OtlpReceiver receiver = OtlpReceiver
			.presenting(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(ENDPOINT + "=" + receiver.url("/v1/traces"))) {
			export(app);

			MiddlewareApp.awaitOneFailure(app, "monitoring", "otlp-tracing", "cert_untrusted");
			assertThat(receiver.traces()).isZero();
			assertThat(output).contains("its CA is not in secure.comms.middleware.trust-bundle");
		}
	}

	@Test
	void aPlaintextEndpointStopsStartupInEnforceModeNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(ENDPOINT + "=http://localhost:4318/v1/traces").close());

		assertThat(output).contains(ENDPOINT + " = 'http://localhost:4318/v1/traces': the telemetry exporter "
				+ "sends to the collector in plaintext", "set " + ENDPOINT + " to the collector's https:// endpoint");
	}

	@Test
	void aPlaintextEndpointStartsInReportModeWithTheViolation(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(ENDPOINT + "=http://localhost:4318/v1/traces",
				"secure.comms.mode=report")) {
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: " + ENDPOINT
					+ "=http://localhost:4318/v1/traces: the telemetry exporter sends to the collector in plaintext");
			assertThat(MiddlewareApp.violations(app)).isEqualTo(1);
		}
	}

	/** One sampled span, then a flush of the exporter's batch rather than waiting for its schedule. */
	private static void export(ConfigurableApplicationContext app) {
		app.getBean(Tracer.class).nextSpan().name("over-tls").start().end();
		app.getBean(SdkTracerProvider.class).forceFlush().join(10, TimeUnit.SECONDS);
	}

	private static ConfigurableApplicationContext start(String... extra) {
		List<String> properties = new ArrayList<>(List.of("management.tracing.sampling.probability=1.0",
				"management.opentelemetry.tracing.export.otlp.timeout=5s",
				"secure.comms.middleware.revocation=off", "secure.comms.middleware.trust-bundle=collector",
				"spring.ssl.bundle.pem.collector.truststore.certificate=file:" + directory.resolve("ca.crt")));
		properties.addAll(List.of(extra));
		return MiddlewareApp.start(properties);
	}

}
