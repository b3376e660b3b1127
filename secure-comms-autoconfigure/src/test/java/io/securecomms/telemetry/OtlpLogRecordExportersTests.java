package io.securecomms.telemetry;

import java.util.List;

import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.securecomms.client.OutboundTargets;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsProfile;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.RevocationMode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OtlpLogRecordExportersTests {

	private static final TlsPolicy POLICY = new TlsPolicy(TlsProfile.INTERMEDIATE, List.of("TLSv1.3", "TLSv1.2"),
			List.of("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), List.of("x25519"));

	private final MiddlewareConnections connections = new MiddlewareConnections(true, List.of(),
			new PolicyViolations(Mode.ENFORCE));

	@Test
	void bootsExporterIsRebuiltOnTheExportersContextAndRecorded() {
		OtlpHttpLogRecordExporter boots = exporter();

		Object processed = processor("https://collector.example:4318/v1/logs").postProcessAfterInitialization(boots,
				OtlpLogRecordExporters.HTTP_BEAN);

		assertThat(processed).isInstanceOf(OtlpHttpLogRecordExporter.class).isNotSameAs(boots);
		assertThat(this.connections.entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.connection().client())
				.isEqualTo("otlp-logging (management.opentelemetry.logging.export.otlp.endpoint)"));
		((OtlpHttpLogRecordExporter) processed).shutdown();
	}

	@Test
	void aPlaintextEndpointStopsStartupInEnforceMode() {
		OtlpHttpLogRecordExporter boots = exporter();

		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> processor("http://localhost:4318/v1/logs").postProcessAfterInitialization(boots,
					OtlpLogRecordExporters.HTTP_BEAN))
			.withMessageContaining("management.opentelemetry.logging.export.otlp.endpoint");
		boots.shutdown();
	}

	@Test
	void anExporterOfTheApplicationsOwnIsLeftAlone() {
		OtlpHttpLogRecordExporter own = exporter();

		assertThat(processor("http://localhost:4318/v1/logs").postProcessAfterInitialization(own, "myLogExporter"))
			.isSameAs(own);
		assertThat(this.connections.entries()).isEmpty();
		own.shutdown();
	}

	private OtlpLogRecordExporters processor(String url) {
		ExporterTls tls = new ExporterTls(new OutboundTargets(
				new ClientTls(null, true, null, List.of(), RevocationMode.OFF, IdentityPatterns.none()), List.of()),
				POLICY, Mode.ENFORCE, new DefaultSslBundleRegistry(), new HandshakeEvents(List.of()), this.connections);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("exporterTls", tls);
		return new OtlpLogRecordExporters(beans.getBeanProvider(ExporterTls.class), (transport) -> url);
	}

	private static OtlpHttpLogRecordExporter exporter() {
		return OtlpHttpLogRecordExporter.builder().setEndpoint("https://collector.example:4318/v1/logs").build();
	}

}
