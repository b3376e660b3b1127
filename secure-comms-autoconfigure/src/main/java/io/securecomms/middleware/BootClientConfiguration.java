package io.securecomms.middleware;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Whether the application configured a client that Boot auto-configures whenever its
 * driver is on the class path. Boot builds a MongoDB client or a Cassandra session
 * builder for {@code localhost} with no property set at all; only a client the
 * application points somewhere (a property under Boot's prefix, or connection details
 * such as a Testcontainers service connection) is one it uses.
 */
public final class BootClientConfiguration {

	private BootClientConfiguration() {
	}

	/**
	 * @param prefix Boot's property prefix for the client ({@code spring.mongodb})
	 * @param connectionDetails the client's {@code *ConnectionDetails} bean, or
	 * {@code null}
	 * @param fromProperties whether those details are Boot's own, built from the
	 * properties under {@code prefix}
	 */
	public static boolean isConfigured(Environment environment, String prefix, @Nullable Object connectionDetails,
			boolean fromProperties) {
		return (connectionDetails != null && !fromProperties) || hasProperty(environment, prefix);
	}

	static boolean hasProperty(Environment environment, String prefix) {
		ConfigurationPropertyName root = ConfigurationPropertyName.of(prefix);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable
					&& iterable.stream().anyMatch(root::isAncestorOf)) {
				return true;
			}
		}
		return false;
	}

}
