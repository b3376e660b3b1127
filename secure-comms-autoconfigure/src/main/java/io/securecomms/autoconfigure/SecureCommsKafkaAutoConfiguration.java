package io.securecomms.autoconfigure;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.securecomms.middleware.BootClientConfiguration;
import io.securecomms.middleware.KafkaClient;
import io.securecomms.middleware.KafkaTlsGuard;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;
import org.apache.kafka.common.security.auth.SslEngineFactory;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Kafka producers, consumers, the admin client and Kafka Streams talk to the brokers with
 * verified TLS: each client's configuration is checked as Boot built it (after every
 * customizer), and a TLS client gets the policy's engines through
 * {@code ssl.engine.factory.class}, so every handshake is counted on the {@code kafka}
 * channel.
 */
@AutoConfiguration(after = SecureCommsMiddlewareAutoConfiguration.class)
@ConditionalOnClass({ KafkaProperties.class, DefaultKafkaProducerFactory.class, SslEngineFactory.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsKafkaAutoConfiguration {

	/**
	 * Boot's connection details built from {@code spring.kafka.*} (a package-private
	 * class).
	 */
	private static final String PROPERTIES_DETAILS = KafkaConnectionDetails.class.getPackageName()
			+ ".PropertiesKafkaConnectionDetails";

	@Bean
	KafkaTlsGuard secureCommsKafkaTlsGuard(ObjectProvider<KafkaProperties> properties,
			ObjectProvider<KafkaConnectionDetails> details, MiddlewareTls tls, MiddlewareConnections connections,
			SslBundles bundles, Environment environment) {
		KafkaConnectionDetails connectionDetails = details.getIfAvailable();
		boolean configured = BootClientConfiguration.isConfigured(environment, "spring.kafka", connectionDetails,
				connectionDetails != null && connectionDetails.getClass().getName().equals(PROPERTIES_DETAILS));
		// Without Boot's Kafka auto-configuration, its defaults still name the properties
		// in the messages.
		return new KafkaTlsGuard(properties.getIfAvailable(KafkaProperties::new), tls, connections, bundles,
				configured);
	}

	/**
	 * Static, and the guard fetched lazily, so that post-processing does not pull the
	 * policy in early.
	 */
	@Bean
	static BeanPostProcessor secureCommsKafkaTlsPostProcessor(ObjectProvider<KafkaTlsGuard> guard) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DefaultKafkaProducerFactory<?, ?> producers) {
					producers
						.updateConfigs(secure(KafkaClient.PRODUCER, beanName, producers.getConfigurationProperties()));
				}
				else if (bean instanceof DefaultKafkaConsumerFactory<?, ?> consumers) {
					consumers
						.updateConfigs(secure(KafkaClient.CONSUMER, beanName, consumers.getConfigurationProperties()));
				}
				else if (bean instanceof KafkaAdmin admin) {
					// KafkaAdmin has no updateConfigs: its own copy of the configuration
					// is the one it uses.
					@SuppressWarnings("unchecked")
					Map<String, Object> configs = Objects.requireNonNull(
							(Map<String, Object>) new DirectFieldAccessor(admin).getPropertyValue("configs"),
							"KafkaAdmin's configs");
					configs.putAll(secure(KafkaClient.ADMIN, beanName, admin.getConfigurationProperties()));
				}
				else if (bean instanceof KafkaStreamsConfiguration streams) {
					Map<String, Object> configs = new HashMap<>();
					streams.asProperties().forEach((key, value) -> configs.put(key.toString(), value));
					configs.putAll(secure(KafkaClient.STREAMS, beanName, configs));
					return new KafkaStreamsConfiguration(configs);
				}
				return bean;
			}

			private Map<String, Object> secure(KafkaClient client, String beanName, Map<String, Object> effective) {
				return guard.getObject().secure(client, beanName, effective);
			}

		};
	}

}
