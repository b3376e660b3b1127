package io.securecomms.telemetry;

import org.springframework.core.env.PropertyResolver;

/**
 * Whether Boot exports to a backend, the way Boot's own conditions read it: the
 * exporter's {@code ...enabled} property, else the group's default
 * ({@code management.defaults.metrics.export.enabled},
 * {@code management.tracing.export.enabled}), else on.
 */
final class ExportSwitches {

	private ExportSwitches() {
	}

	static boolean enabled(PropertyResolver properties, String property, String groupProperty) {
		Boolean specific = properties.getProperty(property, Boolean.class);
		if (specific != null) {
			return specific;
		}
		return properties.getProperty(groupProperty, Boolean.class, true);
	}

}
