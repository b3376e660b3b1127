package io.securecomms.autoconfigure;

import com.mongodb.MongoClientSettings;

import io.securecomms.metrics.Channel;
import io.securecomms.middleware.BootClientConfiguration;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;
import io.securecomms.middleware.MongoTls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.PropertiesMongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The MongoDB clients Boot builds, sync and reactive ({@code spring.mongodb.*}, or
 * {@code MongoConnectionDetails}), on verified TLS: checked and hardened by a customizer
 * that runs after Boot's own.
 */
@AutoConfiguration(after = SecureCommsMiddlewareAutoConfiguration.class,
		before = { MongoAutoConfiguration.class, MongoReactiveAutoConfiguration.class })
// The driver's core, not the sync client: Boot's reactive client takes the same
// customizers.
@ConditionalOnClass({ MongoClientSettings.class, MongoClientSettingsBuilderCustomizer.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MongoProperties.class)
public class SecureCommsMongoAutoConfiguration {

	@Bean
	MongoClientSettingsBuilderCustomizer secureCommsMongoTls(MiddlewareTls tls, MiddlewareConnections connections,
			ObjectProvider<MongoConnectionDetails> connectionDetails, MongoProperties properties,
			Environment environment) {
		MongoConnectionDetails details = connectionDetails.getIfAvailable();
		if (details == null || !BootClientConfiguration.isConfigured(environment, "spring.mongodb", details,
				details instanceof PropertiesMongoConnectionDetails)) {
			// Boot's client for localhost that the application never configured: nothing
			// to check.
			connections.unconfigured(Channel.MONGODB, "spring.mongodb.* (Boot's default)", "localhost:27017",
					"spring.mongodb.uri");
			return (builder) -> {
			};
		}
		MongoProperties.Ssl ssl = properties.getSsl();
		String bundle = (ssl.isEnabled() && StringUtils.hasText(ssl.getBundle())
				&& details instanceof PropertiesMongoConnectionDetails) ? ssl.getBundle() : null;
		return new MongoTls(tls, connections, details, bundle);
	}

}
