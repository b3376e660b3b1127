package io.securecomms.autoconfigure;

import java.util.function.BiConsumer;

import javax.net.ssl.SSLSocketFactory;

import io.lettuce.core.RedisClient;
import io.lettuce.core.SslOptions;
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
import org.springframework.boot.data.redis.autoconfigure.JedisClientConfigurationBuilderCustomizer;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Spring Data Redis on verified TLS, through Boot's own hooks: when Boot's configuration turns TLS on
 * ({@code spring.data.redis.ssl.*}, a {@code rediss://} URL, connection details with a bundle), the Lettuce or
 * Jedis client gets the policy SSL context ({@link RedisTls}); each connection factory, as finally configured,
 * is then checked and recorded, so that a plaintext connection or a lowered verification is a violation.
 * Runs after Boot's Redis configuration so that it acts only where Boot built a connection.
 */
@AutoConfiguration(after = { SecureCommsMiddlewareAutoConfiguration.class, DataRedisAutoConfiguration.class })
@ConditionalOnClass(DataRedisAutoConfiguration.class)
@ConditionalOnBean({ DataRedisProperties.class, DataRedisConnectionDetails.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsRedisAutoConfiguration {

	@Bean
	RedisTls secureCommsRedisTls(DataRedisProperties properties, DataRedisConnectionDetails details,
			MiddlewareTls tls, MiddlewareConnections connections) {
		return new RedisTls(RedisTlsRule.of(properties, details), tls, connections);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisClient.class)
	static class Lettuce {

		/** Built once, so that the check can tell the starter's options from ones a customizer put instead. */
		@Bean
		SslOptions secureCommsRedisSslOptions(RedisTls redis) {
			return LettuceTls.sslOptions(redis.sslContext());
		}

		/** Last, so that Boot's bundle options are replaced (a later customizer is caught by the check). */
		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		LettuceClientOptionsBuilderCustomizer secureCommsLettuceTlsCustomizer(RedisTls redis,
				ObjectProvider<SslOptions> options) {
			return (builder) -> {
				if (redis.rule().tls()) {
					builder.sslOptions(options.getObject());
				}
			};
		}

		@Bean
		static BeanPostProcessor secureCommsLettuceTlsCheck(ObjectProvider<RedisTls> redis,
				ObjectProvider<SslOptions> options) {
			return checking(LettuceConnectionFactory.class, (factory, beanName) -> {
				RedisTls tls = redis.getObject();
				LettuceClientConfiguration configuration = factory.getClientConfiguration();
				// The policy context is only built for a client on TLS.
				SslOptions ours = configuration.isUseSsl() ? options.getObject() : null;
				tls.check("LettuceConnectionFactory '" + beanName + "'",
						LettuceTls.weaknesses(tls.rule(), configuration, ours));
			});
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Jedis.class)
	static class JedisClient {

		@Bean
		@Order(Ordered.LOWEST_PRECEDENCE)
		JedisClientConfigurationBuilderCustomizer secureCommsJedisTlsCustomizer(RedisTls redis) {
			return (builder) -> {
				if (redis.rule().tls()) {
					JedisTls.customize(builder, redis.sslContext());
				}
			};
		}

		@Bean
		static BeanPostProcessor secureCommsJedisTlsCheck(ObjectProvider<RedisTls> redis) {
			return checking(JedisConnectionFactory.class, (factory, beanName) -> {
				RedisTls tls = redis.getObject();
				JedisClientConfiguration configuration = factory.getClientConfiguration();
				SSLSocketFactory ours = configuration.isUseSsl() ? tls.sslContext().getSocketFactory() : null;
				tls.check("JedisConnectionFactory '" + beanName + "'",
						JedisTls.weaknesses(tls.rule(), configuration, ours));
			});
		}

	}

	/**
	 * Checks each connection factory of {@code type} before it initialises (Lettuce builds its client then), with
	 * everything the application's customizers changed. Static, and the beans fetched lazily, so that
	 * post-processing does not pull the policy in early.
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
