package io.securecomms.middleware;

import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.ObservedSslEngine;
import io.securecomms.policy.JvmTlsSupport;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsPolicyResolver;
import io.securecomms.policy.TlsSettings;
import io.securecomms.policy.Violation;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.PolicySslContext;
import io.securecomms.trust.RevocationMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.data.redis.connection.jedis.JedisClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the Redis channel reads Boot's configuration and judges a Lettuce or Jedis client
 * as finally configured, without a server: the integration tests show the same against a
 * real {@code redis-server}.
 */
class RedisTlsRulesTests {

	private static final TlsPolicy policy = new TlsPolicyResolver(JvmTlsSupport.current())
		.resolve(new TlsSettings("intermediate", List.of(), List.of()), Mode.ENFORCE)
		.policy();

	private final PolicySslContext context = new MiddlewareTls(
			new ClientTls(null, true, null, List.of(), RevocationMode.OFF, IdentityPatterns.none()), policy,
			Mode.ENFORCE, new DefaultSslBundleRegistry(), new HandshakeEvents(List.of()))
		.sslContext(Channel.REDIS, null, null);

	@Test
	void withoutSslPropertiesTheConnectionIsPlaintextAndTheViolationNamesSslEnabled() {
		RedisTlsRule rule = RedisTlsRule.of(new DataRedisProperties(), details(null));

		assertThat(rule.tls()).isFalse();
		assertThat(rule.hosts()).containsExactly("cache.internal:6379");
		Violation violation = rule.plaintext();
		assertThat(violation.property()).isEqualTo("spring.data.redis.ssl.enabled");
		assertThat(violation.value()).isEqualTo("false");
		assertThat(violation.problem()).contains("cache.internal:6379 is plaintext");
		assertThat(violation.fix()).contains("spring.data.redis.ssl.enabled=true", "spring.data.redis.ssl.bundle",
				"secure.comms.middleware.plaintext-allowed");
	}

	@Test
	void aBundleTurnsTlsOnAndIsTheTrustToKeep() {
		DataRedisProperties properties = new DataRedisProperties();
		properties.getSsl().setBundle("cache");

		RedisTlsRule rule = RedisTlsRule.of(properties, details(SslBundle.systemDefault()));

		assertThat(rule.tls()).isTrue();
		assertThat(rule.bundle()).isEqualTo("cache");
	}

	@Test
	void sslDisabledExplicitlyIgnoresTheBundle() {
		DataRedisProperties properties = new DataRedisProperties();
		properties.getSsl().setBundle("cache");
		properties.getSsl().setEnabled(false);

		RedisTlsRule rule = RedisTlsRule.of(properties, details(null));

		assertThat(rule.tls()).isFalse();
		assertThat(rule.bundle()).isNull();
	}

	@Test
	void aRedissUrlTurnsTlsOnWithoutABundle() {
		DataRedisProperties properties = new DataRedisProperties();
		properties.setUrl("rediss://cache.internal:6380");

		RedisTlsRule rule = RedisTlsRule.of(properties, details(null));

		assertThat(rule.tls()).isTrue();
		assertThat(rule.bundle()).isNull();
	}

	@Test
	void aPlaintextUrlIsNamedWithoutItsCredentials() {
		DataRedisProperties properties = new DataRedisProperties();
		properties.setUrl("redis://app:s3cret@cache.internal:6379/2");

		Violation violation = RedisTlsRule.of(properties, details(null)).plaintext();

		assertThat(violation.property()).isEqualTo("spring.data.redis.url");
		assertThat(violation.value()).isEqualTo("redis://cache.internal:6379");
		assertThat(violation.fix()).startsWith("use a rediss:// URL");
		assertThat(violation.toString()).doesNotContain("s3cret");
	}

	@Test
	void connectionDetailsWithABundleTurnTlsOn() {
		RedisTlsRule rule = RedisTlsRule.of(new DataRedisProperties(), details(SslBundle.systemDefault()));

		assertThat(rule.tls()).isTrue();
		assertThat(rule.bundle()).as("a bundle without a name: secure.comms.middleware.* decides").isNull();
	}

	@Test
	void lettuceOnTheStartersOptionsWithFullVerificationHasNoWeakness() {
		SslOptions ours = LettuceTls.sslOptions(this.context);

		assertThat(LettuceTls.weaknesses(tlsRule(), lettuce(SslVerifyMode.FULL, ours), ours)).isEmpty();
	}

	@Test
	void lettuceWithoutSslIsPlaintext() {
		LettuceClientConfiguration configuration = LettuceClientConfiguration.builder().build();

		assertThat(LettuceTls.weaknesses(tlsRule(), configuration, null)).extracting(Violation::property)
			.containsExactly("spring.data.redis.ssl.enabled");
	}

	@Test
	void lettuceVerificationLoweredByACustomizerIsAWeakness() {
		SslOptions ours = LettuceTls.sslOptions(this.context);

		List<Violation> weaknesses = LettuceTls.weaknesses(tlsRule(), lettuce(SslVerifyMode.CA, ours), ours);

		assertThat(weaknesses).singleElement().satisfies((weakness) -> {
			assertThat(weakness.property()).isEqualTo("LettuceClientConfiguration.verifyPeer");
			assertThat(weakness.value()).isEqualTo("CA");
			assertThat(weakness.problem()).contains("another host's certificate would be accepted");
		});
	}

	@Test
	void lettuceOptionsReplacedByACustomizerAreAWeakness() {
		SslOptions ours = LettuceTls.sslOptions(this.context);

		List<Violation> weaknesses = LettuceTls.weaknesses(tlsRule(),
				lettuce(SslVerifyMode.FULL, SslOptions.builder().build()), ours);

		assertThat(weaknesses).extracting(Violation::property).containsExactly("ClientOptions.sslOptions");
	}

	@Test
	void lettucesNettyContextMakesThePolicysObservedEngines() throws Exception {
		SSLContext netty = SSLContext.getInstance("TLS", new PolicySslContextProvider(this.context));
		netty.init(null, null, null);

		SSLEngine engine = netty.createSSLEngine("cache.internal", 6380);

		assertThat(engine).isInstanceOf(ObservedSslEngine.class);
		assertThat(engine.getUseClientMode()).isTrue();
		assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
		assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder(policy.protocolArray());
	}

	@Test
	void jedisGetsThePolicysSocketsAndHostNameCheck() {
		JedisClientConfiguration.JedisClientConfigurationBuilder builder = JedisClientConfiguration.builder();

		JedisTls.customize(builder, this.context);
		JedisClientConfiguration configuration = builder.build();

		assertThat(configuration.isUseSsl()).isTrue();
		assertThat(configuration.getSslSocketFactory()).containsSame(this.context.getSocketFactory());
		assertThat(configuration.getSslParameters()).map(SSLParameters::getEndpointIdentificationAlgorithm)
			.contains("HTTPS");
		assertThat(JedisTls.weaknesses(tlsRule(), configuration, this.context.getSocketFactory())).isEmpty();
	}

	@Test
	void jedisWithoutSslIsPlaintextAndAReplacedSocketFactoryIsAWeakness() {
		assertThat(JedisTls.weaknesses(tlsRule(), JedisClientConfiguration.builder().build(), null))
			.extracting(Violation::property)
			.containsExactly("spring.data.redis.ssl.enabled");
		JedisClientConfiguration replaced = JedisClientConfiguration.builder()
			.useSsl()
			.sslSocketFactory((SSLSocketFactory) SSLSocketFactory.getDefault())
			.build();
		assertThat(JedisTls.weaknesses(tlsRule(), replaced, this.context.getSocketFactory()))
			.extracting(Violation::property)
			.containsExactly("JedisClientConfiguration.sslSocketFactory");
	}

	@Test
	void theConnectionIsRecordedWithItsTrustSource() {
		MiddlewareConnections connections = new MiddlewareConnections(true, List.of(),
				new PolicyViolations(Mode.REPORT));
		MiddlewareTls tls = new MiddlewareTls(
				new ClientTls(null, true, null, List.of(), RevocationMode.OFF, IdentityPatterns.none()), policy,
				Mode.REPORT, new DefaultSslBundleRegistry(), new HandshakeEvents(List.of()));
		RedisTls redis = new RedisTls(tlsRule(), tls, connections, true);

		redis.check("LettuceConnectionFactory 'redisConnectionFactory'", true, List.of());
		redis.check("JedisConnectionFactory 'other'", false, List.of(tlsRule().plaintext()));

		assertThat(connections.entries()).extracting(MiddlewareConnections.Entry::status)
			.containsExactly(MiddlewareConnections.Status.TLS, MiddlewareConnections.Status.WEAKENED);
		assertThat(connections.entries().get(0).connection().trustSource()).isEqualTo("the JDK's CA certificates");
		assertThat(connections.entries().get(1).connection().trustSource()).isEqualTo("none");
		assertThat(connections.entries().get(1).connection().hostnameVerified()).isFalse();
	}

	private static RedisTlsRule tlsRule() {
		return new RedisTlsRule(true, null, null, List.of("cache.internal:6380"));
	}

	private static LettuceClientConfiguration lettuce(SslVerifyMode mode, SslOptions options) {
		return LettuceClientConfiguration.builder()
			.useSsl()
			.verifyPeer(mode)
			.and()
			.clientOptions(ClientOptions.builder().sslOptions(options).build())
			.build();
	}

	private static DataRedisConnectionDetails details(SslBundle bundle) {
		return new DataRedisConnectionDetails() {

			@Override
			public SslBundle getSslBundle() {
				return bundle;
			}

			@Override
			public Standalone getStandalone() {
				return Standalone.of("cache.internal", 6379);
			}

		};
	}

}
