package io.securecomms.autoconfigure;

import java.util.function.BiConsumer;

import io.lettuce.core.RedisClient;
import io.securecomms.middleware.BootClientConfiguration;
import io.securecomms.middleware.JedisTls;
import io.securecomms.middleware.LettuceTls;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;
import io.securecomms.middleware.RedisTls;
import io.securecomms.middleware.RedisTlsRule;
import redis.clients.jedis.Jedis;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Spring Data Redis on verified TLS, through Boot's own hooks: when Boot's configuration
 * turns TLS on ({@code spring.data.redis.ssl.*}, a {@code rediss://} URL, connection
 * details with a bundle), the Lettuce or Jedis client gets the policy SSL context
 * ({@link RedisTls}); each connection factory, as finally configured, is then checked and
 * recorded, so that a plaintext connection or a lowered verification is a violation. Runs
 * after Boot's Redis configuration so that it acts only where Boot built a connection;
 * Boot's default for {@code localhost:6379} that the application never configured is left
 * alone.
 */
@AutoConfiguration(after = { SecureCommsMiddlewareAutoConfiguration.class, DataRedisAutoConfiguration.class })
@ConditionalOnClass(DataRedisAutoConfiguration.class)
@ConditionalOnBean({ DataRedisProperties.class, DataRedisConnectionDetails.class, MiddlewareTls.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsRedisAutoConfiguration {

	/**
	 * Boot's connection details built from {@code spring.data.redis.*} (a package-private
	 * class).
	 */
	private static final String PROPERTIES_DETAILS = DataRedisAutoConfiguration.class.getPackageName()
			+ ".PropertiesDataRedisConnectionDetails";

	@Bean
	RedisTls secureCommsRedisTls(DataRedisProperties properties, DataRedisConnectionDetails details, MiddlewareTls tls,
			MiddlewareConnections connections, Environment environment) {
		boolean configured = BootClientConfiguration.isConfigured(environment, "spring.data.redis", details,
				details.getClass().getName().equals(PROPERTIES_DETAILS));
		return new RedisTls(RedisTlsRule.of(properties, details), tls, connections, configured);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisClient.class)
	static class Lettuce {

		/**
		 * Last, so that Boot's bundle options are replaced (a later customizer is caught
		 * by the check).
		 */
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		LettuceTls secureCommsLettuceTls(RedisTls redis) {
			return new LettuceTls(redis);
		}

		@Bean
		static BeanPostProcessor secureCommsLettuceTlsCheck(ObjectProvider<LettuceTls> lettuce) {
			return checking(LettuceConnectionFactory.class,
					(factory, beanName) -> lettuce.getObject().check(beanName, factory.getClientConfiguration()));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Jedis.class)
	static class JedisClient {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		JedisTls secureCommsJedisTls(RedisTls redis) {
			return new JedisTls(redis);
		}

		@Bean
		static BeanPostProcessor secureCommsJedisTlsCheck(ObjectProvider<JedisTls> jedis) {
			return checking(JedisConnectionFactory.class,
					(factory, beanName) -> jedis.getObject().check(beanName, factory.getClientConfiguration()));
		}

	}

	/**
	 * Checks each connection factory of {@code type} before it initialises (Lettuce
	 * builds its client then), with everything the application's customizers changed.
	 * Static, and the beans fetched lazily, so that post-processing does not pull the
	 * policy in early.
	 */
	static <T> BeanPostProcessor checking(Class<T> type, BiConsumer<T, String> check) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (type.isInstance(bean)) {
					check.accept(type.cast(bean), beanName);
				}
				return bean;
			}

		};
	}

}
