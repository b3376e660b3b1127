package io.securecomms.autoconfigure;

import javax.net.ssl.SSLContext;

import io.micrometer.core.ipc.http.HttpUrlConnectionSender;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpHttpMetricsSender;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import io.opentelemetry.exporter.otlp.http.logs.OtlpHttpLogRecordExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.telemetry.ExporterTls;
import io.securecomms.telemetry.OtlpLogRecordExporters;
import io.securecomms.telemetry.PolicyHttpSender;
import io.securecomms.telemetry.PushRegistries;
import io.securecomms.telemetry.TelemetryExporter;
import io.securecomms.telemetry.ZipkinEndpoints;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsConnectionDetails;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpGrpcSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.boot.opentelemetry.autoconfigure.logging.otlp.OtlpLoggingConnectionDetails;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.zipkin.autoconfigure.ZipkinConnectionDetails;
import org.springframework.boot.zipkin.autoconfigure.ZipkinHttpClientBuilderCustomizer;
import org.springframework.boot.zipkin.autoconfigure.ZipkinProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Telemetry exporters on the policy, each with the outbound client's trust
 * ({@code secure.comms.client.*} and its targets) and observed on
 * {@code channel=monitoring}: Boot's OTLP span exporter (HTTP or gRPC), OTLP meter
 * registry, OTLP log record exporter (HTTP or gRPC) and Zipkin sender get the exporter's
 * SSL context for an {@code https://} endpoint, and a plaintext one (Boot's defaults
 * included) is a violation. Micrometer's other push registries have their URL checked
 * (their TLS is the JVM default's). The Prometheus Pushgateway is
 * {@link SecureCommsPushgatewayAutoConfiguration}'s.
 */
@AutoConfiguration(after = SecureCommsMiddlewareAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration")
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsTelemetryAutoConfiguration {

	static final TelemetryExporter OTLP_METRICS = TelemetryExporter.url("otlp-metrics",
			"management.otlp.metrics.export.url", "management.otlp.metrics.export.enabled");

	static final TelemetryExporter OTLP_TRACING = TelemetryExporter.url("otlp-tracing",
			"management.opentelemetry.tracing.export.otlp.endpoint", "management.tracing.export.otlp.enabled");

	@Bean
	ExporterTls secureCommsExporterTls(SecureCommsProperties properties, TlsPolicy policy, SslBundles bundles,
			HandshakeEvents events, MiddlewareConnections connections) {
		return new ExporterTls(properties.getClient().toTargets(), policy, properties.getMode(), bundles, events,
				connections);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(
			name = "org.springframework.boot.micrometer.metrics.autoconfigure.export.ConditionalOnEnabledMetricsExport")
	static class MicrometerPushRegistries {

		/** Checked once at startup: a registry's URL is fixed from its properties. */
		@Bean
		PushRegistries secureCommsPushRegistries(ExporterTls exporterTls, Environment environment) {
			ClassLoader loader = getClass().getClassLoader();
			return PushRegistries.check(exporterTls, environment, (name) -> ClassUtils.isPresent(name, loader));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OtlpHttpSpanExporterBuilderCustomizer.class, OtlpHttpSpanExporterBuilder.class })
	static class OtlpTracing {

		@Bean
		OtlpHttpSpanExporterBuilderCustomizer secureCommsOtlpHttpSpanExporter(ExporterTls exporterTls,
				ObjectProvider<OtlpTracingConnectionDetails> details) {
			return (builder) -> {
				SSLContext context = secure(exporterTls, details, Transport.HTTP);
				if (context != null) {
					builder.setSslContext(context, ExporterTls.contextTrust());
				}
			};
		}

		@Bean
		OtlpGrpcSpanExporterBuilderCustomizer secureCommsOtlpGrpcSpanExporter(ExporterTls exporterTls,
				ObjectProvider<OtlpTracingConnectionDetails> details) {
			return (builder) -> {
				SSLContext context = secure(exporterTls, details, Transport.GRPC);
				if (context != null) {
					builder.setSslContext(context, ExporterTls.contextTrust());
				}
			};
		}

		private static @Nullable SSLContext secure(ExporterTls exporterTls,
				ObjectProvider<OtlpTracingConnectionDetails> details, Transport transport) {
			// The exporter is only built with connection details (from the endpoint
			// property or a service
			// connection): their URL is the one it sends to.
			return exporterTls.secure(OTLP_TRACING, details.getObject().getUrl(transport));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OtlpHttpLogRecordExporter.class, OtlpLoggingConnectionDetails.class })
	static class OtlpLogging {

		/**
		 * Boot builds a log record exporter only with connection details (the endpoint
		 * property or a service connection; there is no default endpoint): their URL is
		 * the one it sends to.
		 */
		@Bean
		static OtlpLogRecordExporters secureCommsOtlpLogRecordExporters(ObjectProvider<ExporterTls> exporterTls,
				ObjectProvider<OtlpLoggingConnectionDetails> details) {
			return new OtlpLogRecordExporters(exporterTls, (transport) -> details.getObject().getUrl(transport));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ZipkinHttpClientBuilderCustomizer.class)
	static class Zipkin {

		/**
		 * Boot builds the Zipkin sender whenever the module is on the class path; it is
		 * judged only when Zipkin export is enabled. The URL is the connection details'
		 * (Boot's plaintext default when none is set).
		 */
		@Bean
		ZipkinHttpClientBuilderCustomizer secureCommsZipkinHttpClient(ExporterTls exporterTls, Environment environment,
				ObjectProvider<ZipkinConnectionDetails> details, ObjectProvider<ZipkinProperties> properties) {
			return (builder) -> {
				if (ZipkinEndpoints.enabled(environment)) {
					ZipkinConnectionDetails connection = details.getIfAvailable();
					String endpoint = (connection != null) ? connection.getSpanEndpoint()
							: properties.getObject().getEndpoint();
					SSLContext context = exporterTls.secure(ZipkinEndpoints.EXPORTER, endpoint);
					if (context != null) {
						builder.sslContext(context);
					}
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OtlpMeterRegistry.class, OtlpMetricsExportAutoConfiguration.class })
	@ConditionalOnBean(OtlpMetricsConnectionDetails.class)
	static class OtlpMetrics {

		/**
		 * Boot's registry takes a sender bean. Its connection details exist only when
		 * OTLP metrics export is enabled; the URL is the registry's final one
		 * (Micrometer's plaintext default when none is set).
		 */
		@Bean
		@ConditionalOnMissingBean(OtlpMetricsSender.class)
		OtlpMetricsSender secureCommsOtlpMetricsSender(ExporterTls exporterTls, OtlpConfig config) {
			SSLContext context = exporterTls.secure(OTLP_METRICS, config.url());
			if (context == null) {
				return new OtlpHttpMetricsSender(
						new HttpUrlConnectionSender(config.connectTimeout(), config.readTimeout()));
			}
			return new OtlpHttpMetricsSender(
					new PolicyHttpSender(context, config.connectTimeout(), config.readTimeout()));
		}

	}

}
