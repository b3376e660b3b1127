package io.securecomms.test.cachefixture;

import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.test.SecureCommsMeters;
import io.securecomms.test.SecureCommsMeters.Counted;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TlsRedisContainerTests} without Docker ({@link TlsRedisOnHost}: the container's
 * own files, command line and connection, with Debian's {@code redis-server} on the
 * host): both ways of connecting the application get its Lettuce client through the
 * starter's checks and onto TLS against a Redis configured exactly as the container's.
 */
@EnabledIf("io.securecomms.test.cachefixture.TlsRedisOnHost#installed")
class TlsRedisOnHostTests {

	@Nested
	@SpringBootTest(classes = CacheApplication.class)
	class ServiceConnectionDetails extends CommandsRunOverTls {

		@ServiceConnection(TlsRedisOnHost.CONNECTION_NAME)
		static TlsRedisOnHost redis = new TlsRedisOnHost();

		@AfterAll
		static void stop() {
			redis.stop();
		}

	}

	@Nested
	@SpringBootTest(classes = CacheApplication.class)
	class DynamicProperties extends CommandsRunOverTls {

		static TlsRedisOnHost redis = new TlsRedisOnHost();

		@DynamicPropertySource
		static void redisProperties(DynamicPropertyRegistry registry) {
			redis.start();
			redis.addTo(registry);
		}

		@AfterAll
		static void stop() {
			redis.stop();
		}

	}

	abstract static class CommandsRunOverTls {

		@Autowired
		StringRedisTemplate template;

		@Autowired
		LettuceConnectionFactory connectionFactory;

		@Autowired
		MeterRegistry meters;

		@Test
		void commandsRunOverTls() {
			this.template.opsForValue().set("greeting", "hello");

			// The server has no plaintext port: that the command ran at all means it ran
			// over TLS.
			assertThat(this.template.opsForValue().get("greeting")).isEqualTo("hello");
			assertThat(this.connectionFactory.isUseSsl()).isTrue();
			assertThat(this.meters.find("secure.comms.tls.handshakes").tag("channel", "redis").timers()).isNotEmpty();
			// Nothing refused. The test PKI's certificates name no OCSP responder or CRL:
			// under soft-fail
			// revocation (the default) their status is unknown, accepted, and counted
			// with that reason.
			Counted failures = SecureCommsMeters.of(this.meters).handshakeFailures().channel("redis");
			assertThat(failures.countBy("reason").keySet()).isSubsetOf("revocation_unknown");
		}

	}

}
