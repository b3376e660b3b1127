package io.securecomms.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.springframework.core.env.PropertyResolver;

/**
 * Micrometer's push registries that Boot auto-configures and that send with Micrometer's
 * own {@code HttpUrlConnectionSender}: one table of registry class, URL property and
 * Micrometer's default URL. Each one on the class path and enabled has its URL checked (a
 * plaintext one, Micrometer's default included, is a violation naming the property).
 * Their TLS is {@code HttpsURLConnection}'s default socket factory, that is the JVM
 * default SSL context ({@code secure.comms.jvm-default.enabled},
 * {@code channel=jvm-default}), so no second path is built for them here.
 */
public final class PushRegistries {

	/** Boot's fallback for every registry's {@code enabled} property. */
	static final String DEFAULTS_ENABLED = "management.defaults.metrics.export.enabled";

	static final List<Registry> TABLE = List.of(
			new Registry("appoptics", "io.micrometer.appoptics.AppOpticsMeterRegistry", "uri",
					"https://api.appoptics.com/v1/measurements"),
			new Registry("datadog", "io.micrometer.datadog.DatadogMeterRegistry", "uri", "https://api.datadoghq.com"),
			// Without a URI, the v2 API sends to the local OneAgent.
			new Registry("dynatrace", "io.micrometer.dynatrace.DynatraceMeterRegistry", "uri",
					"http://localhost:14499/metrics/ingest"),
			new Registry("elastic", "io.micrometer.elastic.ElasticMeterRegistry", "host", "http://localhost:9200"),
			new Registry("humio", "io.micrometer.humio.HumioMeterRegistry", "uri", "https://cloud.humio.com"),
			new Registry("influx", "io.micrometer.influx.InfluxMeterRegistry", "uri", "http://localhost:8086"),
			new Registry("kairos", "io.micrometer.kairos.KairosMeterRegistry", "uri",
					"http://localhost:8080/api/v1/datapoints"),
			new Registry("newrelic", "io.micrometer.newrelic.NewRelicMeterRegistry", "uri",
					"https://insights-collector.newrelic.com"));

	private final List<String> checked;

	private PushRegistries(List<String> checked) {
		this.checked = List.copyOf(checked);
	}

	/**
	 * Checks and records every push registry on the class path and enabled.
	 * @param present whether a class is on the class path
	 * @return the registries checked
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, for a
	 * plaintext URL
	 */
	public static PushRegistries check(ExporterTls tls, PropertyResolver properties, Predicate<String> present) {
		List<String> checked = new ArrayList<>();
		for (Registry registry : TABLE) {
			if (present.test(registry.registryClass())
					&& ExportSwitches.enabled(properties, registry.exporter().enabledProperty(), DEFAULTS_ENABLED)) {
				tls.checkOnJvmDefault(registry.exporter(),
						properties.getProperty(registry.exporter().property(), registry.micrometerDefault()));
				checked.add(registry.name());
			}
		}
		return new PushRegistries(checked);
	}

	/** The names ({@code influx}, ...) of the registries that were checked. */
	public List<String> checked() {
		return this.checked;
	}

	/**
	 * @param name Boot's name for it ({@code management.<name>.metrics.export.*}) and its
	 * {@code peer} tag
	 * @param registryClass the Micrometer registry whose presence makes Boot configure it
	 * @param urlKey the key of its URL under {@code management.<name>.metrics.export}
	 * @param micrometerDefault the URL Micrometer sends to when the property is not set
	 */
	record Registry(String name, String registryClass, String urlKey, String micrometerDefault) {

		TelemetryExporter exporter() {
			String prefix = "management." + this.name + ".metrics.export.";
			return TelemetryExporter.url(this.name, prefix + this.urlKey, prefix + "enabled");
		}

	}

}
