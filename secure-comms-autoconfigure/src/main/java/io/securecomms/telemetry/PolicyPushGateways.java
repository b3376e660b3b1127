package io.securecomms.telemetry;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.Locale;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.StringUtils;

/**
 * The Prometheus {@link PushGateway} Boot would build from
 * {@code management.prometheus.metrics.export.pushgateway.*} (Boot has no hook for it),
 * with its connections on the policy: over {@code https} every connection is an
 * {@link HttpsURLConnection} on the exporter's SSL context ({@code peer=pushgateway});
 * {@code http}, Boot's default, is a violation naming {@code ...pushgateway.scheme}.
 */
public final class PolicyPushGateways {

	static final String PREFIX = "management.prometheus.metrics.export.pushgateway.";

	public static final TelemetryExporter EXPORTER = TelemetryExporter.scheme("pushgateway", PREFIX + "scheme",
			PREFIX + "enabled");

	/** Boot's fallback job name. */
	private static final String FALLBACK_JOB = "spring";

	private PolicyPushGateways() {
	}

	/**
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, for
	 * {@code scheme=http}
	 */
	public static PushGateway build(PrometheusRegistry registry, PrometheusProperties.Pushgateway properties,
			PropertyResolver environment, ExporterTls tls) {
		Scheme scheme = (properties.getScheme() == PrometheusProperties.Pushgateway.Scheme.HTTPS) ? Scheme.HTTPS
				: Scheme.HTTP;
		SSLContext context = tls.secure(EXPORTER,
				scheme.name().toLowerCase(Locale.ROOT) + "://" + properties.getAddress());
		PushGateway.Builder builder = PushGateway.builder()
			.address(properties.getAddress())
			.scheme(scheme)
			.format((properties.getFormat() == PrometheusProperties.Pushgateway.Format.TEXT) ? Format.PROMETHEUS_TEXT
					: Format.PROMETHEUS_PROTOBUF)
			.job((properties.getJob() != null) ? properties.getJob()
					: environment.getProperty("spring.application.name", FALLBACK_JOB))
			.registry(registry);
		if (context != null) {
			builder.connectionFactory((url) -> connection(url, context));
		}
		MutuallyExclusiveConfigurationPropertiesException.throwIfMultipleNonNullValuesIn((entries) -> {
			entries.put(PREFIX + "token", properties.getToken());
			entries.put(PREFIX + "username", properties.getUsername());
		});
		if (StringUtils.hasText(properties.getToken())) {
			builder.bearerToken(properties.getToken());
		}
		else if (StringUtils.hasText(properties.getUsername())) {
			builder.basicAuth(properties.getUsername(), properties.getPassword());
		}
		properties.getGroupingKey().forEach(builder::groupingKey);
		return builder.build();
	}

	/**
	 * A connection on the policy's SSL context; never a plaintext one, whatever the URL.
	 */
	static HttpURLConnection connection(URL url, SSLContext context) throws IOException {
		if (!(url.openConnection() instanceof HttpsURLConnection connection)) {
			throw new IOException("secure-comms: the Pushgateway is reached over https only, not " + url.getProtocol());
		}
		connection.setSSLSocketFactory(context.getSocketFactory());
		return connection;
	}

}
