package io.securecomms.autoconfigure;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

import io.securecomms.metrics.Channel;
import io.securecomms.middleware.BootClientConfiguration;
import io.securecomms.middleware.CassandraTls;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.cassandra.autoconfigure.CassandraAutoConfiguration;
import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CassandraProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The Cassandra session Boot builds ({@code spring.cassandra.*}, or
 * {@code CassandraConnectionDetails}) on verified TLS: checked when the application
 * starts and hardened by a session builder customizer.
 */
@AutoConfiguration(after = SecureCommsMiddlewareAutoConfiguration.class, before = CassandraAutoConfiguration.class)
@ConditionalOnClass({ CqlSession.class, CassandraAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
@EnableConfigurationProperties(CassandraProperties.class)
public class SecureCommsCassandraAutoConfiguration {

	/**
	 * Boot's connection details built from {@code spring.cassandra.*} (a package-private
	 * class).
	 */
	private static final String PROPERTIES_DETAILS = CassandraAutoConfiguration.class.getName()
			+ "$PropertiesCassandraConnectionDetails";

	@Bean
	CassandraTls secureCommsCassandraTls(MiddlewareTls tls, MiddlewareConnections connections,
			ObjectProvider<CassandraConnectionDetails> connectionDetails,
			ObjectProvider<DriverConfigLoader> driverConfig, CassandraProperties properties, Environment environment) {
		CassandraConnectionDetails details = connectionDetails.getIfAvailable();
		DriverConfigLoader loader = driverConfig.getIfAvailable();
		boolean fromProperties = details != null && details.getClass().getName().equals(PROPERTIES_DETAILS);
		if (details == null || loader == null
				|| !BootClientConfiguration.isConfigured(environment, "spring.cassandra", details, fromProperties)) {
			// Boot's session for localhost that the application never configured: nothing
			// to check.
			connections.unconfigured(Channel.CASSANDRA, "spring.cassandra.* (Boot's default)", "localhost:9042",
					"spring.cassandra.contact-points");
			return CassandraTls.unchanged();
		}
		CassandraProperties.Ssl ssl = properties.getSsl();
		String bundle = (ssl.isEnabled() && StringUtils.hasText(ssl.getBundle()) && fromProperties) ? ssl.getBundle()
				: null;
		return CassandraTls.check(tls, connections, details, loader, bundle, ssl.isVerifyHostname());
	}

}
