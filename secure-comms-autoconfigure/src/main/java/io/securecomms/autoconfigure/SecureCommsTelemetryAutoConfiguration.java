package io.securecomms.autoconfigure;

import javax.net.ssl.SSLContext;

import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.securecomms.middleware.MiddlewareTls;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.telemetry.ExporterTls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpGrpcSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpHttpSpanExporterBuilderCustomizer;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.OtlpTracingConnectionDetails;
import org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.otlp.Transport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Telemetry exporters on the policy: Boot's OTLP span exporter (HTTP or gRPC) gets the policy's SSL context for
 * an {@code https://} endpoint, and a plaintext one is a violation.
 */
@AutoConfiguration(after = SecureCommsMiddlewareAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsTelemetryAutoConfiguration {

	static final String OTLP_TRACING_ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	@Bean
	ExporterTls secureCommsExporterTls(MiddlewareTls tls, PolicyViolations violations) {
		return new ExporterTls(tls, violations);
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

}
