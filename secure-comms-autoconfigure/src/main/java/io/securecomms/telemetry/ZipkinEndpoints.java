package io.securecomms.telemetry;

import org.springframework.core.env.PropertyResolver;

/**
 * Boot's Zipkin span export: its endpoint property, and whether it is on
 * ({@code management.tracing.export.zipkin.enabled}, else
 * {@code management.tracing.export.enabled}, else on).
 */
public final class ZipkinEndpoints {

	public static final TelemetryExporter EXPORTER = TelemetryExporter.url("zipkin",
			"management.tracing.export.zipkin.endpoint", "management.tracing.export.zipkin.enabled");

	private ZipkinEndpoints() {
	}

	public static boolean enabled(PropertyResolver properties) {
		return ExportSwitches.enabled(properties, EXPORTER.enabledProperty(), "management.tracing.export.enabled");
	}

}
