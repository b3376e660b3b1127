package io.securecomms.telemetry;

/**
 * One telemetry exporter Boot auto-configures, as the policy names it.
 *
 * @param name its {@code peer} tag on {@code channel=monitoring} ({@code otlp-tracing},
 * {@code zipkin}, ...)
 * @param property the property that makes its endpoint plaintext or not, named in a
 * violation
 * @param enabledProperty the property that turns the export off, named in the fix
 * @param httpsValue what to set {@code property} to, in the fix
 * ({@code the collector's https:// endpoint})
 */
public record TelemetryExporter(String name, String property, String enabledProperty, String httpsValue) {

	/** An exporter whose {@code property} is its endpoint URL. */
	public static TelemetryExporter url(String name, String property, String enabledProperty) {
		return new TelemetryExporter(name, property, enabledProperty, "the collector's https:// endpoint");
	}

	/**
	 * An exporter whose {@code property} is its scheme ({@code http} or {@code https}).
	 */
	public static TelemetryExporter scheme(String name, String property, String enabledProperty) {
		return new TelemetryExporter(name, property, enabledProperty, "https");
	}

	/** How it appears in the posture: its name and the property. */
	String client() {
		return this.name + " (" + this.property + ")";
	}

}
