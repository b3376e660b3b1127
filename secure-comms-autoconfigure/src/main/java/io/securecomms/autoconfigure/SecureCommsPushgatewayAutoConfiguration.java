package io.securecomms.autoconfigure;

import io.micrometer.core.instrument.Clock;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.securecomms.telemetry.ExporterTls;
import io.securecomms.telemetry.PolicyPushGateways;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.ConditionalOnEnabledMetricsExport;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The Prometheus Pushgateway on the policy: Boot has no hook for the {@link PushGateway}
 * it builds, so this provides the {@link PrometheusPushGatewayManager} Boot would (same
 * conditions and properties, before Boot's, which then backs off), with the exporter's
 * SSL context ({@code peer=pushgateway}).
 */
@AutoConfiguration(after = SecureCommsTelemetryAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		beforeName = "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration")
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
@ConditionalOnClass(name = { "io.prometheus.metrics.exporter.pushgateway.PushGateway",
		"io.micrometer.prometheusmetrics.PrometheusMeterRegistry",
		"org.springframework.boot.micrometer.metrics.export.prometheus.PrometheusPushGatewayManager" })
@ConditionalOnBean(Clock.class)
@ConditionalOnEnabledMetricsExport("prometheus")
@ConditionalOnBooleanProperty("management.prometheus.metrics.export.pushgateway.enabled")
@EnableConfigurationProperties(PrometheusProperties.class)
public class SecureCommsPushgatewayAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PrometheusPushGatewayManager secureCommsPrometheusPushGatewayManager(PrometheusRegistry registry,
			PrometheusProperties prometheusProperties, Environment environment, ExporterTls exporterTls) {
		PrometheusProperties.Pushgateway properties = prometheusProperties.getPushgateway();
		return new PrometheusPushGatewayManager(
				PolicyPushGateways.build(registry, properties, environment, exporterTls), properties.getPushRate(),
				properties.getShutdownOperation());
	}

}
