package io.securecomms.autoconfigure;

import com.rabbitmq.client.ConnectionFactory;

import io.securecomms.metrics.Channel;
import io.securecomms.middleware.BootClientConfiguration;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;
import io.securecomms.middleware.RabbitTls;

import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The RabbitMQ connection Boot builds is checked at startup and, on TLS, put on the
 * policy's SSL context with host name verification, through Boot's own
 * {@link ConnectionFactoryCustomizer} hook (which runs after Boot's SSL set-up).
 */
@AutoConfiguration(after = { SecureCommsMiddlewareAutoConfiguration.class, RabbitAutoConfiguration.class })
@ConditionalOnClass({ ConnectionFactory.class, ConnectionFactoryCustomizer.class })
@ConditionalOnBean({ RabbitConnectionDetails.class, MiddlewareTls.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsRabbitAutoConfiguration {

	/**
	 * Boot's connection details built from {@code spring.rabbitmq.*} (a package-private
	 * class).
	 */
	private static final String PROPERTIES_DETAILS = RabbitAutoConfiguration.class.getPackageName()
			+ ".PropertiesRabbitConnectionDetails";

	/**
	 * Created with the context, so that a weakness stops startup before the first
	 * connection.
	 */
	@Bean
	ConnectionFactoryCustomizer secureCommsRabbitConnectionFactoryCustomizer(MiddlewareTls tls,
			MiddlewareConnections connections, RabbitProperties properties, RabbitConnectionDetails details,
			Environment environment) {
		if (!BootClientConfiguration.isConfigured(environment, "spring.rabbitmq", details,
				details.getClass().getName().equals(PROPERTIES_DETAILS))) {
			// Boot's connection factory for localhost that the application never
			// configured: nothing to check.
			connections.unconfigured(Channel.RABBITMQ, "spring.rabbitmq.* (Boot's default)", "localhost:5672",
					"spring.rabbitmq.addresses");
			return (factory) -> {
			};
		}
		return new RabbitTls(tls, connections).check(properties, details);
	}

}
