package io.securecomms.middleware;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.securecomms.policy.Violation;
import io.securecomms.trust.PolicySslContext;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.util.function.SingletonSupplier;

/**
 * Lettuce on the policy: when Boot turns TLS on, its {@link SslOptions} build Netty's JDK
 * SSL context from a provider whose only context is the policy's
 * ({@link PolicySslContextProvider}), so that every engine comes from
 * {@link PolicySslContext#createSSLEngine(String, int)}: the policy's trust, protocols
 * and suites, the host name checked, each handshake observed on channel {@code redis}.
 * Boot's options from the bundle are replaced.
 */
public final class LettuceTls implements LettuceClientOptionsBuilderCustomizer {

	static final String VERIFY_PEER = "LettuceClientConfiguration.verifyPeer";

	static final String SSL_OPTIONS = "ClientOptions.sslOptions";

	private final RedisTls redis;

	/**
	 * Built once, so that the check can tell the starter's options from ones a customizer
	 * put instead.
	 */
	private final SingletonSupplier<SslOptions> options;

	public LettuceTls(RedisTls redis) {
		this.redis = redis;
		this.options = SingletonSupplier.of(() -> sslOptions(redis.sslContext()));
	}

	@Override
	public void customize(ClientOptions.Builder builder) {
		if (this.redis.configured() && this.redis.rule().tls()) {
			builder.sslOptions(this.options.obtain());
		}
	}

	/**
	 * Checks and records a client as it was finally configured (after every customizer).
	 */
	public void check(String beanName, LettuceClientConfiguration configuration) {
		if (!this.redis.configured()) {
			this.redis.unconfigured("LettuceConnectionFactory '" + beanName + "'");
			return;
		}
		// The policy context is only built for a client on TLS.
		SslOptions ours = configuration.isUseSsl() ? this.options.obtain() : null;
		this.redis.check("LettuceConnectionFactory '" + beanName + "'", configuration.isUseSsl(),
				weaknesses(this.redis.rule(), configuration, ours));
	}

	static SslOptions sslOptions(PolicySslContext context) {
		PolicySslContextProvider provider = new PolicySslContextProvider(context);
		return SslOptions.builder()
			.jdkSslProvider()
			.sslContext((builder) -> builder.sslContextProvider(provider))
			.build();
	}

	/**
	 * What weakens the connection of a Lettuce client as it was finally configured.
	 * @param ours the SSL options {@link #sslOptions(PolicySslContext)} built for it
	 */
	static List<Violation> weaknesses(RedisTlsRule rule, LettuceClientConfiguration configuration,
			@Nullable SslOptions ours) {
		if (!configuration.isUseSsl()) {
			return List.of(rule.plaintext());
		}
		List<Violation> weaknesses = new ArrayList<>();
		if (configuration.getVerifyMode() != SslVerifyMode.FULL) {
			weaknesses.add(Violation.insecure(VERIFY_PEER, String.valueOf(configuration.getVerifyMode()),
					"a LettuceClientConfigurationBuilderCustomizer lowers the verification of the Redis server ("
							+ String.join(", ", rule.hosts()) + ") below FULL: a server presenting another "
							+ "host's certificate would be accepted",
					"remove the verifyPeer(...) call, or call verifyPeer(SslVerifyMode.FULL): the server's "
							+ "certificate chain and host name must both be checked"));
		}
		SslOptions used = configuration.getClientOptions().map(ClientOptions::getSslOptions).orElse(null);
		if (used != ours) {
			weaknesses.add(Violation.insecure(SSL_OPTIONS, "replaced",
					"a LettuceClientOptionsBuilderCustomizer or LettuceClientConfigurationBuilderCustomizer replaced "
							+ "the SSL options secure-comms gave the Redis client: its trust, protocols and suites "
							+ "are not the policy's and its handshakes are not observed",
					"name the SSL bundle to trust in " + RedisTlsRule.SSL_BUNDLE
							+ " instead of setting SslOptions yourself"));
		}
		return weaknesses;
	}

}
