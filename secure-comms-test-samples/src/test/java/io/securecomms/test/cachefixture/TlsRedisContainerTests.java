package io.securecomms.test.cachefixture;

import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.test.SecureCommsMeters;
import io.securecomms.test.TlsRedisContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis in a container with TLS only and the test PKI's certificate: the application's
 * commands run over TLS through the starter's checks (which stop a plaintext Redis
 * connection at startup), with the container's connection details the only configuration.
 * Skipped where there is no Docker ({@link TlsRedisOnHostTests} runs the same without
 * it).
 */
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class TlsRedisContainerTests {

	@Container
	@ServiceConnection(TlsRedisContainer.CONNECTION_NAME)
	static TlsRedisContainer redis = new TlsRedisContainer("redis:7-alpine");

	@Autowired
	StringRedisTemplate template;

	@Autowired
	LettuceConnectionFactory connectionFactory;

	@Autowired
	MeterRegistry meters;

	@Test
	void commandsRunOverTls() {
		this.template.opsForValue().set("greeting", "hello");

		// The container has no plaintext port: that the command ran at all means it ran
		// over TLS.
		assertThat(this.template.opsForValue().get("greeting")).isEqualTo("hello");
		assertThat(this.connectionFactory.isUseSsl()).isTrue();
		assertThat(this.meters.find("secure.comms.tls.handshakes").tag("channel", "redis").timers()).isNotEmpty();
		// Nothing refused. The test PKI's certificates name no OCSP responder or CRL:
		// under soft-fail revocation
		// (the default) their status is unknown, accepted, and counted with that reason.
		assertThat(SecureCommsMeters.of(this.meters).handshakeFailures().channel("redis").countBy("reason").keySet())
			.isSubsetOf("revocation_unknown");
	}

}
