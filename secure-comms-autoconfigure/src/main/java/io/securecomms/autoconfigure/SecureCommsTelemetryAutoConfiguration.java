package io.securecomms.autoconfigure;

import javax.net.ssl.SSLContext;

import io.micrometer.core.ipc.http.HttpUrlConnectionSender;
import io.micrometer.registry.otlp.OtlpConfig;
import io.micrometer.registry.otlp.OtlpHttpMetricsSender;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.micrometer.registry.otlp.OtlpMetricsSender;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;
import io.securecomms.telemetry.ExporterTls;
import io.securecomms.telemetry.PolicyHttpSender;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsConnectionDetails;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpGrpcSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Telemetry exporters on the policy: Boot's OTLP span exporter (HTTP or gRPC) and OTLP meter registry get the
 * policy's SSL context for an {@code https://} endpoint, and a plaintext one (Boot's default for metrics
 * included) is a violation.
 */
@AutoConfiguration(after = SecureCommsMiddlewareAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.otlp.OtlpMetricsExportAutoConfiguration")
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsTelemetryAutoConfiguration {

	static final String OTLP_METRICS_URL = "management.otlp.metrics.export.url";

	static final String OTLP_TRACING_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	@Bean
	ExporterTls secureCommsExporterTls(MiddlewareTls tls, MiddlewareConnections connections) {
		return new ExporterTls(tls, connections);
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

		private static SSLContext secure(ExporterTls exporterTls, ObjectProvider<OtlpTracingConnectionDetails> details,
				Transport transport) {
			// The exporter is only built with connection details (from the endpoint property or a service
			// connection): their URL is the one it sends to.
			return exporterTls.secure("otlp-tracing", OTLP_TRACING_ENDPOINT, details.getObject().getUrl(transport));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OtlpMeterRegistry.class, OtlpMetricsExportAutoConfiguration.class })
	@ConditionalOnBean(OtlpMetricsConnectionDetails.class)
	static class OtlpMetrics {

		/**
		 * Boot's registry takes a sender bean. Its connection details exist only when OTLP metrics export is
		 * enabled; the URL is the registry's final one (Micrometer's plaintext default when none is set).
		 */
		@Bean
		@ConditionalOnMissingBean(OtlpMetricsSender.class)
		OtlpMetricsSender secureCommsOtlpMetricsSender(ExporterTls exporterTls, OtlpConfig config) {
			SSLContext context = exporterTls.secure("otlp-metrics", OTLP_METRICS_URL, config.url());
			if (context == null) {
				return new OtlpHttpMetricsSender(new HttpUrlConnectionSender(config.connectTimeout(),
						config.readTimeout()));
			}
			return new OtlpHttpMetricsSender(new PolicyHttpSender(context, config.connectTimeout(),
					config.readTimeout()));
		}

	}

}
