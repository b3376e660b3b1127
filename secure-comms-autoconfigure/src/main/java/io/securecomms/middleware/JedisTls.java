package io.securecomms.middleware;

import java.util.List;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;

import io.securecomms.policy.Violation;
import io.securecomms.trust.PolicySslContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.JedisClientConfigurationBuilderCustomizer;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration.JedisClientConfigurationBuilder;

/**
 * Jedis on the policy: when Boot turns TLS on, its sockets come from
 * {@link PolicySslContext#getSocketFactory()} (the policy's trust, protocols and suites,
 * the host name checked, each handshake run and observed before the first command).
 */
public final class JedisTls implements JedisClientConfigurationBuilderCustomizer {

	static final String SOCKET_FACTORY = "JedisClientConfiguration.sslSocketFactory";

	private final RedisTls redis;

	public JedisTls(RedisTls redis) {
		this.redis = redis;
	}

	@Override
	public void customize(JedisClientConfigurationBuilder builder) {
		if (this.redis.configured() && this.redis.rule().tls()) {
			customize(builder, this.redis.sslContext());
		}
	}

	/**
	 * Checks and records a client as it was finally configured (after every customizer).
	 */
	public void check(String beanName, JedisClientConfiguration configuration) {
		if (!this.redis.configured()) {
			this.redis.unconfigured("JedisConnectionFactory '" + beanName + "'");
			return;
		}
		SSLSocketFactory ours = configuration.isUseSsl() ? this.redis.sslContext().getSocketFactory() : null;
		this.redis.check("JedisConnectionFactory '" + beanName + "'", configuration.isUseSsl(),
				weaknesses(this.redis.rule(), configuration, ours));
	}

	static void customize(JedisClientConfigurationBuilder builder, PolicySslContext context) {
		SSLParameters parameters = context.getDefaultSSLParameters();
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		builder.useSsl().sslSocketFactory(context.getSocketFactory()).sslParameters(parameters);
	}

	/**
	 * What weakens the connection of a Jedis client as it was finally configured.
	 * @param ours the policy context's socket factory
	 */
	static List<Violation> weaknesses(RedisTlsRule rule, JedisClientConfiguration configuration,
			@Nullable SSLSocketFactory ours) {
		if (!configuration.isUseSsl()) {
			return List.of(rule.plaintext());
		}
		if (configuration.getSslSocketFactory().orElse(null) != ours) {
			return List.of(Violation.insecure(SOCKET_FACTORY, "replaced",
					"a JedisClientConfigurationBuilderCustomizer replaced the SSL socket factory secure-comms gave "
							+ "the Redis client: its trust, protocols and suites are not the policy's and its "
							+ "handshakes are not observed",
					"name the SSL bundle to trust in " + RedisTlsRule.SSL_BUNDLE
							+ " instead of setting an SSLSocketFactory yourself"));
		}
		return List.of();
	}

}
