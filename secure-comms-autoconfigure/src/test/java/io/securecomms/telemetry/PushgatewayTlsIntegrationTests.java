package io.securecomms.telemetry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Boot's Prometheus Pushgateway manager (built by the starter with the same properties,
 * its connections on the exporter's SSL context) against a real Pushgateway receiver over
 * TLS on loopback: metrics are pushed only over verified TLS with the client trust, a
 * refusal is counted on {@code channel=monitoring, peer=pushgateway}, and Boot's default
 * scheme ({@code http}) stops startup in enforce mode naming the property.
 */
@ExtendWith(OutputCaptureExtension.class)
class PushgatewayTlsIntegrationTests {

	private static final String PREFIX = "management.prometheus.metrics.export.pushgateway.";

	@TempDir
	static Path directory;

	static Authority ca;

	@BeforeAll
	static void pki() {
		ca = TestCertificates.rootCa("collector CA");
		ca.writePem(directory, "ca");
	}

	@Test
	void metricsArePushedOverTlsWithTheClientTrust() throws Exception {
		try (TelemetryReceiver receiver = TelemetryReceiver.presenting(ca.issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(PREFIX + "scheme=https",
						PREFIX + "address=localhost:" + receiver.port())) {
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> receiver.received(TelemetryReceiver.PUSHGATEWAY) > 0);
			MiddlewareApp.awaitHandshake(app, "monitoring", "pushgateway");
			assertThat(MiddlewareApp.failures(app)).isZero();
			Entry entry = MiddlewareApp.connection(app, "monitoring");
			assertThat(entry.status()).isEqualTo(Status.TLS);
			assertThat(entry.connection().client()).isEqualTo("pushgateway (" + PREFIX + "scheme)");
			assertThat(entry.connection().hosts()).containsExactly("localhost:" + receiver.port());
			assertThat(entry.connection().trustSource()).isEqualTo("collector (secure.comms.client.trust-bundle)");
		}
	}

	@Test
	void aPushgatewayFromAnotherCaIsRefusedAndCounted(CapturedOutput output) throws Exception {
		try (TelemetryReceiver receiver = TelemetryReceiver
			.presenting(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(PREFIX + "scheme=https",
						PREFIX + "address=localhost:" + receiver.port())) {
			// The manager pushes on its schedule, so the refusal may be counted more than
			// once.
			MiddlewareApp.awaitFailures(app, "monitoring", "pushgateway", "cert_untrusted");
			assertThat(receiver.received(TelemetryReceiver.PUSHGATEWAY)).isZero();
			assertThat(output).contains("is not trusted: its CA is not in secure.comms.client.trust-bundle");
		}
	}

	@Test
	void bootsDefaultSchemeStopsStartupInEnforceModeNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start().close());

		assertThat(output).contains(
				PREFIX + "scheme = 'http://localhost:9091': the telemetry exporter sends to the "
						+ "collector in plaintext",
				"set " + PREFIX + "scheme to https", "or disable that export with " + PREFIX + "enabled=false");
	}

	private static ConfigurableApplicationContext start(String... extra) {
		List<String> properties = new ArrayList<>(
				List.of("test.prometheus.enabled=true", PREFIX + "enabled=true", PREFIX + "push-rate=200ms",
						"secure.comms.client.revocation=off", "secure.comms.client.trust-bundle=collector",
						"spring.ssl.bundle.pem.collector.truststore.certificate=file:" + directory.resolve("ca.crt")));
		properties.addAll(List.of(extra));
		return MiddlewareApp.start(properties);
	}

}
