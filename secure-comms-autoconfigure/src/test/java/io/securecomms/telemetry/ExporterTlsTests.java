package io.securecomms.telemetry;

import java.util.List;
import java.util.Map;

import io.securecomms.client.OutboundTargets;
import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareConnections.Entry;
import io.securecomms.middleware.MiddlewareConnections.Status;
import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsProfile;
import io.securecomms.policy.Violation;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.RevocationMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class ExporterTlsTests {

	private static final TelemetryExporter TRACING = TelemetryExporter.url("otlp-tracing",
			"management.opentelemetry.tracing.export.otlp.endpoint", "management.tracing.export.otlp.enabled");

	private static final String PROPERTY = TRACING.property();

	private static final TlsPolicy POLICY = new TlsPolicy(TlsProfile.INTERMEDIATE, List.of("TLSv1.3", "TLSv1.2"),
			List.of("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), List.of("x25519"));

	@Test
	void anHttpsEndpointIsFine() {
		assertThat(ExporterTls.check(TRACING, "https://collector.example:4318/v1/traces")).isEmpty();
		assertThat(ExporterTls.check(TRACING, "HTTPS://collector.example/v1/traces")).isEmpty();
	}

	@Test
	void aPlaintextEndpointIsAViolationNamingThePropertyAndBothFixes() {
		assertThat(ExporterTls.check(TRACING, "http://localhost:4318/v1/traces")).singleElement()
			.satisfies((violation) -> {
				assertThat(violation.kind()).isEqualTo(Violation.Kind.INSECURE);
				assertThat(violation.property()).isEqualTo(PROPERTY);
				assertThat(violation.value()).isEqualTo("http://localhost:4318/v1/traces");
				assertThat(violation.problem()).contains("plaintext");
				assertThat(violation.fix()).contains("set " + PROPERTY + " to the collector's https:// endpoint",
						"or disable that export with management.tracing.export.otlp.enabled=false");
			});
	}

	@Test
	void aPlaintextPushgatewaySchemeNamesTheSchemeProperty() {
		assertThat(ExporterTls.check(PolicyPushGateways.EXPORTER, "http://localhost:9091")).singleElement()
			.satisfies((violation) -> {
				assertThat(violation.property()).isEqualTo("management.prometheus.metrics.export.pushgateway.scheme");
				assertThat(violation.fix()).contains(
						"set management.prometheus.metrics.export.pushgateway.scheme to https",
						"management.prometheus.metrics.export.pushgateway.enabled=false");
			});
	}

	@Test
	void anEndpointWithoutSchemeIsAViolation() {
		assertThat(ExporterTls.check(TRACING, "collector:4318")).singleElement()
			.satisfies((violation) -> assertThat(violation.problem()).contains("not an https:// URL"));
	}

	@Test
	void thePostureShowsOnlyHostAndPort() {
		assertThat(ExporterTls.target("https://user:secret@collector.example:4318/v1/traces?x=y"))
			.isEqualTo("collector.example:4318");
		assertThat(ExporterTls.target("https://collector.example/v1/traces")).isEqualTo("collector.example:443");
		assertThat(ExporterTls.target("http://localhost/v1/metrics")).isEqualTo("localhost:80");
		assertThat(ExporterTls.target("not a url")).isEqualTo("unknown");
	}

	@Test
	void requireTlsOffForMiddlewareDoesNotLetAPlaintextExporterThrough() {
		ExporterTls tls = exporterTls(new MiddlewareConnections(false, List.of(), new PolicyViolations(Mode.ENFORCE)));

		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> tls.secure(TRACING, "http://localhost:4318/v1/traces"))
			.withMessageContaining(PROPERTY);
	}

	@Test
	void requireTlsOffStillLetsMiddlewareThrough() {
		MiddlewareConnections connections = new MiddlewareConnections(false, List.of(),
				new PolicyViolations(Mode.ENFORCE));
		connections.check(
				new io.securecomms.middleware.MiddlewareConnection(Channel.REDIS, "redis", List.of(), "none", false),
				List.of(Violation.insecure("spring.data.redis.ssl.enabled", "false", "plaintext", "enable")));

		assertThat(connections.entries()).singleElement()
			.satisfies((entry) -> assertThat(entry.status()).isEqualTo(Status.NOT_REQUIRED));
	}

	@Test
	void monitoringInPlaintextAllowedLetsAPlaintextExporterThroughFlagged(CapturedOutput output) {
		MiddlewareConnections connections = new MiddlewareConnections(true, List.of("monitoring"),
				new PolicyViolations(Mode.ENFORCE));

		assertThat(exporterTls(connections).secure(TRACING, "http://localhost:4318/v1/traces")).isNull();

		Entry entry = connections.entries().get(0);
		assertThat(entry.status()).isEqualTo(Status.PLAINTEXT_ALLOWED);
		assertThat(entry.connection().channel()).isEqualTo(Channel.MONITORING);
		assertThat(entry.connection().trustSource()).isEqualTo("none");
		assertThat(output).contains("WARN", "secure-comms leaves monitoring client otlp-tracing (" + PROPERTY
				+ ") without verified TLS, as secure.comms.middleware.plaintext-allowed allows");
	}

	@Test
	void anotherChannelInPlaintextAllowedDoesNotLetAnExporterThrough() {
		ExporterTls tls = exporterTls(
				new MiddlewareConnections(true, List.of("redis"), new PolicyViolations(Mode.ENFORCE)));

		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> tls.secure(TRACING, "http://localhost:4318/v1/traces"));
	}

	@Test
	void anHttpsExporterIsRecordedWithTheClientTrustOrItsTargets() {
		MiddlewareConnections connections = new MiddlewareConnections(true, List.of(),
				new PolicyViolations(Mode.ENFORCE));
		ExporterTls tls = exporterTls(connections);

		assertThat(tls.secure(TRACING, "https://collector.example:4318/v1/traces")).isNotNull();
		assertThat(tls.secure(ZipkinEndpoints.EXPORTER, "https://zipkin.internal.example/api/v2/spans")).isNotNull();

		assertThat(connections.entries()).extracting((entry) -> entry.connection().trustSource())
			.containsExactly("the JDK's CA certificates", "the JDK's CA certificates");
		assertThat(connections.entries()).extracting((entry) -> entry.connection().hosts())
			.containsExactly(List.of("collector.example:4318"), List.of("zipkin.internal.example:443"));
		assertThat(connections.entries()).extracting(Entry::status).containsOnly(Status.TLS);
	}

	@Test
	void aPushRegistryOnTheClassPathAndEnabledIsCheckedWithMicrometersDefault() {
		MiddlewareConnections connections = new MiddlewareConnections(true, List.of(),
				new PolicyViolations(Mode.REPORT));
		MockEnvironment environment = new MockEnvironment();

		PushRegistries.check(exporterTls(connections), environment, "io.micrometer.influx.InfluxMeterRegistry"::equals);

		assertThat(connections.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.connection().client()).isEqualTo("influx (management.influx.metrics.export.uri)");
			assertThat(entry.status()).isEqualTo(Status.WEAKENED);
			assertThat(entry.weaknesses()).singleElement()
				.asString()
				.contains("management.influx.metrics.export.uri=http://localhost:8086");
		});
	}

	@Test
	void aPushRegistryOverHttpsIsOnTheJvmDefault() {
		MiddlewareConnections connections = new MiddlewareConnections(true, List.of(),
				new PolicyViolations(Mode.ENFORCE));
		MockEnvironment environment = new MockEnvironment().withProperty("management.elastic.metrics.export.host",
				"https://elastic.example:9200");

		PushRegistries.check(exporterTls(connections), environment, Map.of("io.micrometer.elastic.ElasticMeterRegistry",
				true, "io.micrometer.datadog.DatadogMeterRegistry", true)::containsKey);

		assertThat(connections.entries()).extracting((entry) -> entry.connection().client())
			.containsExactly("datadog (management.datadog.metrics.export.uri)",
					"elastic (management.elastic.metrics.export.host)");
		assertThat(connections.entries()).extracting((entry) -> entry.connection().trustSource())
			.containsOnly("JVM default SSL context (secure.comms.jvm-default.enabled)");
		assertThat(connections.entries()).extracting(Entry::status).containsOnly(Status.TLS);
	}

	@Test
	void aDisabledOrAbsentPushRegistryIsNotChecked() {
		MiddlewareConnections connections = new MiddlewareConnections(true, List.of(),
				new PolicyViolations(Mode.ENFORCE));
		MockEnvironment environment = new MockEnvironment()
			.withProperty("management.influx.metrics.export.enabled", "false")
			.withProperty("management.defaults.metrics.export.enabled", "false")
			.withProperty("management.datadog.metrics.export.enabled", "true")
			.withProperty("management.datadog.metrics.export.uri", "https://api.datadoghq.eu");

		PushRegistries checked = PushRegistries.check(exporterTls(connections), environment,
				(name) -> name.contains("Influx") || name.contains("Kairos") || name.contains("Datadog"));

		assertThat(checked.checked()).containsExactly("datadog");

		assertThat(connections.entries()).extracting((entry) -> entry.connection().client())
			.containsExactly("datadog (management.datadog.metrics.export.uri)");
	}

	@Test
	void zipkinExportFollowsItsOwnSwitchThenTracingsThenIsOn() {
		assertThat(ZipkinEndpoints.enabled(new MockEnvironment())).isTrue();
		assertThat(ZipkinEndpoints
			.enabled(new MockEnvironment().withProperty("management.tracing.export.enabled", "false"))).isFalse();
		assertThat(
				ZipkinEndpoints.enabled(new MockEnvironment().withProperty("management.tracing.export.enabled", "false")
					.withProperty("management.tracing.export.zipkin.enabled", "true")))
			.isTrue();
	}

	private static ExporterTls exporterTls(MiddlewareConnections connections) {
		return new ExporterTls(new OutboundTargets(
				new ClientTls(null, false, null, List.of(), RevocationMode.OFF, IdentityPatterns.none()), List.of()),
				POLICY, Mode.ENFORCE, new DefaultSslBundleRegistry(), new HandshakeEvents(List.of()), connections);
	}

}
