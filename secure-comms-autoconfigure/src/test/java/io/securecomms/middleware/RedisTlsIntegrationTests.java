package io.securecomms.middleware;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.SslVerifyMode;
import io.securecomms.middleware.MiddlewareConnections.Entry;
import io.securecomms.middleware.MiddlewareConnections.Status;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.test.OcspResponder;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.data.redis.autoconfigure.LettuceClientConfigurationBuilderCustomizer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Spring Data Redis, with Lettuce and with Jedis, against Debian's {@code redis-server}
 * on TLS, configured only through Boot's own {@code spring.data.redis.*} properties: the
 * client runs on the policy SSL context, a server the bundle does not vouch for, with
 * another host name, or with an expired certificate is refused in the handshake and
 * counted on channel {@code redis}; a connection left plaintext stops startup naming the
 * property. Skipped when {@code redis-server} is not installed.
 */
@ExtendWith(OutputCaptureExtension.class)
@EnabledIf(value = "io.securecomms.testsupport.TlsRedis#isInstalled",
		disabledReason = "redis-server (Debian package redis-server) is not installed")
class RedisTlsIntegrationTests {

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
			assertThat(MiddlewareApp.failures(app)).isZero();
			Entry entry = MiddlewareApp.onlyConnection(app);
			assertThat(entry.status()).isEqualTo(Status.TLS);
			assertThat(entry.connection().hosts()).containsExactly("localhost:" + good.port());
			assertThat(entry.connection().trustSource()).isEqualTo("redis (spring.data.redis.ssl.bundle)");
			assertThat(entry.connection().hostnameVerified()).isTrue();
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aServerCertificateFromAnotherCaIsRefusedAndCounted(Client client) {
		assertRefused(client, TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")), "cert_untrusted",
				"spring.data.redis.ssl.bundle");
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
		assertRefused(client,
				ca.issue(Spec.server("localhost").valid(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1)))),
				"cert_expired", "expired");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aRedissUrlTrustsTheMiddlewareBundle(Client client) {
		try (ConfigurableApplicationContext app = startWithout(client, good.port(),
				List.of("spring.data.redis.url=rediss://localhost:" + good.port(),
						"secure.comms.middleware.trust-bundle=redis"))) {
			assertSetAndGet(app);
			awaitHandshakes(app, good.port());
			Entry entry = MiddlewareApp.onlyConnection(app);
			assertThat(entry.status()).isEqualTo(Status.TLS);
			assertThat(entry.connection().trustSource()).isEqualTo("redis (secure.comms.middleware.trust-bundle)");
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aServerRequiringClientCertificatesAcceptsTheBundlesIdentity(Client client) {
		Authority clients = TestCertificates.rootCa("redis clients CA");
		clients.issue(Spec.client("app")).writePem(directory, "client");
		try (TlsRedis server = TlsRedis.presenting(ca.issue(Spec.server("localhost")), clients);
				ConfigurableApplicationContext app = start(client, server.port(), List.of(
						"spring.ssl.bundle.pem.redis.keystore.certificate=file:" + directory.resolve("client.crt"),
						"spring.ssl.bundle.pem.redis.keystore.private-key=file:" + directory.resolve("client.key")))) {
			assertSetAndGet(app);
			awaitHandshakes(app, server.port());
			assertThat(MiddlewareApp.failures(app)).isZero();
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aRevokedServerCertificateIsRefusedAndCounted(Client client) {
		try (OcspResponder ocsp = OcspResponder.start(ca)) {
			Issued revoked = ca.issue(Spec.server("localhost").ocsp(ocsp.url()));
			ocsp.revoke(revoked.certificate());
			assertRefused(client, TlsRedis.presenting(revoked), List.of("secure.comms.middleware.revocation=hard-fail"),
					"cert_revoked", "has been revoked");
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aServerOfferingOnlyTls11IsRefusedAndCounted(Client client) {
		assertRefused(client, TlsRedis.presenting(ca.issue(Spec.server("localhost")), null, "--tls-protocols",
				"TLSv1.1", "--tls-ciphers", "ALL:@SECLEVEL=0"), List.of(), "protocol_version", "protocol_version");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aServerOfferingOnlyCbcSuitesIsRefusedAndCounted(Client client) {
		assertRefused(client,
				TlsRedis.presenting(ca.issue(Spec.server("localhost")), null, "--tls-protocols", "TLSv1.2",
						"--tls-ciphers", "ECDHE-ECDSA-AES128-SHA256:ECDHE-RSA-AES128-SHA256:ECDHE-ECDSA-AES256-SHA384:"
								+ "ECDHE-RSA-AES256-SHA384"),
				List.of(), "no_common_cipher", "handshake_failure");
	}

	/**
	 * In TLS 1.3 the server judges the client's certificate after the client's handshake
	 * finished: Lettuce reads the server's {@code certificate_required} alert, and the
	 * policy engine counts it.
	 */
	@Test
	void aServerRequiringClientCertificatesRefusesLettuceWithoutIdentity() {
		try (TlsRedis server = TlsRedis.presenting(ca.issue(Spec.server("localhost")),
				TestCertificates.rootCa("redis clients CA"));
				ConfigurableApplicationContext app = start(Client.LETTUCE, server.port(), List.of())) {
			assertThatException().isThrownBy(() -> assertSetAndGet(app))
				.withStackTraceContaining("certificate_required");
			awaitFailure(app, server.port(), "client_cert_missing");
		}
	}

	/**
	 * Jedis writes its first command before it reads anything, so that it sees the
	 * server's TLS 1.3 refusal as a broken connection, not as the alert: refused, but not
	 * counted as a handshake failure (a known gap).
	 */
	@Test
	void aServerRequiringClientCertificatesRefusesJedisWithoutIdentity() {
		try (TlsRedis server = TlsRedis.presenting(ca.issue(Spec.server("localhost")),
				TestCertificates.rootCa("redis clients CA"));
				ConfigurableApplicationContext app = start(Client.JEDIS, server.port(), List.of())) {
			assertThatException().isThrownBy(() -> assertSetAndGet(app));
		}
	}

	/**
	 * A plaintext Redis never answers a ClientHello (it waits for the end of an inline
	 * command that never comes): the client gives up and the failure is counted, nothing
	 * is sent in clear.
	 */
	@ParameterizedTest
	@EnumSource(Client.class)
	void aPlaintextServerBehindATlsClientIsRefusedAndCounted(Client client) {
		try (TlsRedis server = TlsRedis.plaintext();
				ConfigurableApplicationContext app = start(client, server.port(), List.of())) {
			assertThatException().isThrownBy(() -> assertSetAndGet(app));
			awaitFailure(app, server.port(), client.silentServer);
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aConnectionLeftPlaintextStopsStartupNamingTheProperty(Client client, CapturedOutput output) {
		assertThatException().isThrownBy(() -> startWithout(client, good.port(), List.of()).close());

		assertThat(output).contains("APPLICATION FAILED TO START", "spring.data.redis.ssl.enabled",
				"the Redis connection to localhost:" + good.port() + " is plaintext",
				"set spring.data.redis.ssl.enabled=true and spring.data.redis.ssl.bundle",
				"secure.comms.middleware.plaintext-allowed");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void aPlaintextUrlStopsStartupNamingTheUrl(Client client, CapturedOutput output) {
		assertThatException().isThrownBy(() -> startWithout(client, good.port(),
				List.of("spring.data.redis.url=redis://app:secret@localhost:" + good.port()))
			.close());

		assertThat(output)
			.contains("APPLICATION FAILED TO START", "spring.data.redis.url", "redis://localhost:" + good.port(),
					"use a rediss:// URL")
			.doesNotContain("secret");
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void reportModeLetsAForgottenPlaintextServerThroughAndListsTheViolation(Client client) {
		try (TlsRedis server = TlsRedis.plaintext();
				ConfigurableApplicationContext app = startWithout(client, server.port(),
						List.of("secure.comms.mode=report"))) {
			assertSetAndGet(app);
			assertThat(violations(app)).singleElement()
				.asString()
				.startsWith("spring.data.redis.ssl.enabled=false: the Redis connection to localhost:" + server.port()
						+ " is plaintext");
			assertThat(MiddlewareApp.onlyConnection(app).status()).isEqualTo(Status.WEAKENED);
		}
	}

	@ParameterizedTest
	@EnumSource(Client.class)
	void plaintextAllowedForRedisIsShownNotAViolation(Client client) {
		try (TlsRedis server = TlsRedis.plaintext();
				ConfigurableApplicationContext app = startWithout(client, server.port(),
						List.of("secure.comms.middleware.plaintext-allowed=redis"))) {
			assertSetAndGet(app);
			assertThat(violations(app)).isEmpty();
			Entry entry = MiddlewareApp.onlyConnection(app);
			assertThat(entry.status()).isEqualTo(Status.PLAINTEXT_ALLOWED);
			assertThat(entry.connection().trustSource()).isEqualTo("none");
		}
	}

	/**
	 * Boot builds a factory for localhost:6379 whenever Spring Data Redis is on the class
	 * path (Lettuce: any {@code spring.data.redis.*} property, the client type included,
	 * would configure it).
	 */
	@Test
	void bootsUnconfiguredDefaultIsLeftAlone() {
		try (ConfigurableApplicationContext app = MiddlewareApp.start(List.of())) {
			assertThat(app.getBean(RedisConnectionFactory.class)).isInstanceOf(LettuceConnectionFactory.class);
			MiddlewareApp.assertUnconfigured(app, "redis");
			assertThat(violations(app)).isEmpty();
		}
	}

	@Test
	void aCustomizerLoweringLettucesVerificationStopsStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> startWithout(Client.LETTUCE, good.port(),
				List.of("spring.data.redis.ssl.bundle=redis"), UnverifiedLettuce.class)
			.close());

		assertThat(output).contains("APPLICATION FAILED TO START", "LettuceClientConfiguration.verifyPeer",
				"lowers the verification of the Redis server", "remove the verifyPeer(...) call");
	}

	private static void assertRefused(Client client, Issued identity, String reason, String why) {
		assertRefused(client, TlsRedis.presenting(identity), List.of(), reason, why);
	}

	/**
	 * SET fails saying {@code why}, and the failure is counted for the server, for
	 * {@code reason} only.
	 */
	private static void assertRefused(Client client, TlsRedis redis, List<String> properties, String reason,
			String why) {
		try (TlsRedis server = redis; ConfigurableApplicationContext app = start(client, server.port(), properties)) {
			assertThatException().isThrownBy(() -> assertSetAndGet(app)).withStackTraceContaining(why);
			awaitFailure(app, server.port(), reason);
		}
	}

	private static void assertSetAndGet(ConfigurableApplicationContext app) {
		StringRedisTemplate redis = app.getBean(StringRedisTemplate.class);
		redis.opsForValue().set("greeting", "hello");
		assertThat(redis.opsForValue().get("greeting")).isEqualTo("hello");
	}

	/**
	 * An application whose Redis connection trusts the bundle {@code redis} through
	 * {@code spring.data.redis.ssl.bundle}.
	 */
	static ConfigurableApplicationContext start(Client client, int port, List<String> properties) {
		List<String> all = new ArrayList<>(List.of("spring.data.redis.ssl.bundle=redis"));
		all.addAll(properties);
		return startWithout(client, port, all);
	}

	/**
	 * An application whose Redis connection says nothing about TLS (bundle {@code redis}
	 * is defined, unused).
	 */
	static ConfigurableApplicationContext startWithout(Client client, int port, List<String> properties,
			Class<?>... configurations) {
		List<String> all = new ArrayList<>(List.of("spring.data.redis.client-type=" + client.type,
				"spring.data.redis.host=localhost", "spring.data.redis.port=" + port, "spring.data.redis.timeout=5s",
				"spring.data.redis.connect-timeout=5s", "secure.comms.middleware.revocation=off",
				"spring.ssl.bundle.pem.redis.truststore.certificate=file:" + directory.resolve("ca.crt")));
		all.addAll(properties);
		return MiddlewareApp.start(List.of(configurations), all);
	}

	private static void awaitFailure(ConfigurableApplicationContext app, int port, String reason) {
		MiddlewareApp.awaitOneFailure(app, "redis", "localhost:" + port, reason);
	}

	private static void awaitHandshakes(ConfigurableApplicationContext app, int port) {
		MiddlewareApp.awaitHandshake(app, "redis", "localhost:" + port);
	}

	static List<String> violations(ConfigurableApplicationContext app) {
		return app.getBean(PolicyViolations.class).reported().stream().map((v) -> v.describe()).toList();
	}

	enum Client {

		/**
		 * Lettuce's handshake timeout closes the connection; Jedis's socket read times
		 * out.
		 */
		LETTUCE("lettuce", LettuceConnectionFactory.class, "connection_closed"),

		JEDIS("jedis", JedisConnectionFactory.class, "timeout");

		final String type;

		final Class<?> factory;

		final String silentServer;

		Client(String type, Class<?> factory, String silentServer) {
			this.type = type;
			this.factory = factory;
			this.silentServer = silentServer;
		}

	}

	/** What some applications do to make a certificate problem go away. */
	@Configuration(proxyBeanMethods = false)
	static class UnverifiedLettuce {

		@Bean
		LettuceClientConfigurationBuilderCustomizer unverified() {
			return (builder) -> builder.useSsl().verifyPeer(SslVerifyMode.NONE);
		}

	}

}
