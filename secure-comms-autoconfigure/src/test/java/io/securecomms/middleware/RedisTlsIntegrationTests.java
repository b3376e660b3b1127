package io.securecomms.middleware;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.securecomms.middleware.MiddlewareConnections.Entry;
import io.securecomms.middleware.MiddlewareConnections.Status;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.testsupport.TestCertificates;
import io.securecomms.testsupport.TestCertificates.Authority;
import io.securecomms.testsupport.TestCertificates.Issued;
import io.securecomms.testsupport.TestCertificates.Spec;
import io.securecomms.testsupport.TlsRedis;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Spring Data Redis, with Lettuce and with Jedis, against Debian's {@code redis-server} on TLS, configured only
 * through Boot's own {@code spring.data.redis.*} properties: the client runs on the policy SSL context, a server
 * the bundle does not vouch for, with another host name, or with an expired certificate is refused in the
 * handshake and counted on channel {@code redis}; a connection left plaintext stops startup naming the property.
 * Skipped when {@code redis-server} is not installed.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIf(value = "io.securecomms.testsupport.TlsRedis#isInstalled",
		disabledReason = "redis-server (Debian package redis-server) is not installed")
class RedisTlsIntegrationTests {

	private static final String FAILURES = "secure.comms.tls.handshake.failures";

	@TempDir
	static Path directory;

	static Authority ca;

	static TlsRedis good;

	@BeforeAll
	static void servers() {
		ca = TestCertificates.rootCa("redis CA");
		ca.writePem(directory, "ca");
		good = TlsRedis.presenting(ca.issue(Spec.server("localhost")));
	}

	@AfterAll
	static void stop() {
		if (good != null) {
			good.close();
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aServerTheBundleTrustsAnswersOverTimedTls(Client client) {
		try (ConfigurableApplicationContext app = start(client, good.port(), List.of())) {
			assertThat(app.getBean(RedisConnectionFactory.class)).isInstanceOf(client.factory);
			assertSetAndGet(app);
			awaitHandshakes(app, good.port());
			assertThat(failures(app)).isZero();
			Entry entry = app.getBean(MiddlewareConnections.class).entries().get(0);
			assertThat(entry.status()).isEqualTo(Status.TLS);
			assertThat(entry.connection().hosts()).containsExactly("localhost:" + good.port());
			assertThat(entry.connection().trustSource()).isEqualTo("redis (spring.data.redis.ssl.bundle)");
			assertThat(entry.connection().hostnameVerified()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aServerCertificateFromAnotherCaIsRefusedAndCounted(Client client) {
		assertRefused(client, TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")),
				"cert_untrusted", "spring.data.redis.ssl.bundle");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aServerCertificateForAnotherHostIsRefusedAndCounted(Client client) {
		assertRefused(client, ca.issue(Spec.server("cache.example")), "hostname_mismatch", "localhost");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void anExpiredServerCertificateIsRefusedAndCounted(Client client) {
		Instant now = Instant.now();
		assertRefused(client, ca.issue(Spec.server("localhost")
			.valid(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)))), "cert_expired", "expired");
	}

	private static void assertRefused(Client client, Issued identity, String reason, String why) {
		try (TlsRedis server = TlsRedis.presenting(identity);
				ConfigurableApplicationContext app = start(client, server.port(), List.of())) {
			assertThatException().isThrownBy(() -> assertSetAndGet(app)).withStackTraceContaining(why);
			awaitFailure(app, server.port(), reason);
		}
	}

	private static void assertSetAndGet(ConfigurableApplicationContext app) {
		StringRedisTemplate redis = app.getBean(StringRedisTemplate.class);
		redis.opsForValue().set("greeting", "hello");
		assertThat(redis.opsForValue().get("greeting")).isEqualTo("hello");
	}

	static ConfigurableApplicationContext start(Client client, int port, List<String> properties) {
		List<String> all = new ArrayList<>(List.of("spring.main.web-application-type=none",
				"spring.main.banner-mode=off", "spring.data.redis.client-type=" + client.type,
				"spring.data.redis.host=localhost", "spring.data.redis.port=" + port,
				"spring.data.redis.timeout=5s", "spring.data.redis.connect-timeout=5s",
				"spring.data.redis.ssl.bundle=redis", "secure.comms.middleware.revocation=off",
				"spring.ssl.bundle.pem.redis.truststore.certificate=file:" + directory.resolve("ca.crt")));
		all.addAll(properties);
		// The test resources' application.properties turns Boot's Redis configuration off for the other tests.
		return new SpringApplicationBuilder(RedisApplication.class).properties(all.toArray(String[]::new))
			.run("--spring.autoconfigure.exclude=");
	}

	static double failures(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class).find(FAILURES).counters().stream().mapToDouble(Counter::count).sum();
	}

	static void awaitFailure(ConfigurableApplicationContext app, int port, String reason) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Counter counter = app.getBean(MeterRegistry.class)
				.find(FAILURES)
				.tags("channel", "redis", "direction", "outbound", "peer", "localhost:" + port, "reason", reason)
				.counter();
			assertThat(counter).isNotNull();
			assertThat(counter.count()).isPositive();
			assertThat(failures(app)).isEqualTo(counter.count());
		});
	}

	static void awaitHandshakes(ConfigurableApplicationContext app, int port) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Timer handshakes = app.getBean(MeterRegistry.class)
				.find("secure.comms.tls.handshakes")
				.tags("channel", "redis", "direction", "outbound", "peer", "localhost:" + port)
				.timer();
			assertThat(handshakes).isNotNull();
			assertThat(handshakes.count()).isPositive();
		});
	}

	static List<String> violations(ConfigurableApplicationContext app) {
		return app.getBean(PolicyViolations.class).reported().stream().map((v) -> v.describe()).toList();
	}

	enum Client {

		LETTUCE("lettuce", LettuceConnectionFactory.class), JEDIS("jedis", JedisConnectionFactory.class);

		final String type;

		final Class<?> factory;

		Client(String type, Class<?> factory) {
			this.type = type;
			this.factory = factory;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class RedisApplication {

	}

}
