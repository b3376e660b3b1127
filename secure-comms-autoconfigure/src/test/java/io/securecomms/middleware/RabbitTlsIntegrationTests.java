package io.securecomms.middleware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsRabbitMq;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.amqp.autoconfigure.ConnectionFactoryCustomizer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Boot's RabbitMQ connection factory against a real RabbitMQ broker (Debian's
 * rabbitmq-server) with a TLS listener: the starter puts it on the policy's SSL context,
 * trusts only the bundle named in {@code spring.rabbitmq.ssl.bundle}, checks the host
 * name, counts every handshake on {@code rabbitmq}, and stops startup when TLS is off.
 */
@ExtendWith(OutputCaptureExtension.class)
class RabbitTlsIntegrationTests {

	@TempDir
	static Path directory;

	static Authority ca;

	static TlsRabbitMq broker;

	@BeforeAll
	static void broker() {
		ca = TestCertificates.rootCa("broker CA");
		ca.writePem(directory, "ca");
		TestCertificates.rootCa("stranger CA").writePem(directory, "stranger");
		broker = TlsRabbitMq.presenting(ca.issue(Spec.server("localhost")), directory);
	}

	@AfterAll
	static void stop() {
		broker.close();
	}

	@Test
	void aBrokerWithTheBundlesCaIsReachedOverTlsAndTheHandshakeTimed() throws Exception {
		try (ConfigurableApplicationContext app = start("localhost", "ca.crt")) {
			try (Connection connection = app.getBean(ConnectionFactory.class).createConnection();
					Channel channel = connection.createChannel(false)) {
				assertThat(channel.queueDeclare().getQueue()).startsWith("amq.gen-");
			}

			MiddlewareApp.awaitHandshake(app, "rabbitmq", "localhost:" + broker.port());
			assertThat(MiddlewareApp.failures(app)).isZero();
			assertThat(MiddlewareApp.onlyConnection(app)).satisfies((entry) -> {
				assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.TLS);
				assertThat(entry.connection().trustSource()).isEqualTo("broker (spring.rabbitmq.ssl.bundle)");
				assertThat(entry.connection().hostnameVerified()).isTrue();
			});
		}
	}

	@Test
	void withNioTheClientsEnginesAreObservedToo() throws Exception {
		try (ConfigurableApplicationContext app = start(List.of(Nio.class), "localhost", "ca.crt")) {
			try (Connection connection = app.getBean(ConnectionFactory.class).createConnection()) {
				assertThat(connection.isOpen()).isTrue();
			}

			MiddlewareApp.awaitHandshake(app, "rabbitmq", "localhost:" + broker.port());
			assertThat(MiddlewareApp.failures(app)).isZero();
		}
	}

	@Test
	void aBrokerCertificateFromAnotherCaIsRefusedAndCounted() {
		try (ConfigurableApplicationContext app = start("localhost", "stranger.crt")) {
			assertThatException().isThrownBy(() -> app.getBean(ConnectionFactory.class).createConnection())
				.withStackTraceContaining("is not trusted: its CA is not in spring.rabbitmq.ssl.bundle");

			MiddlewareApp.awaitOneFailure(app, "rabbitmq", "localhost:" + broker.port(), "cert_untrusted");
		}
	}

	@Test
	void aBrokerCertificateForAnotherHostIsRefusedAndCounted() {
		// The broker's certificate names localhost only, not 127.0.0.1.
		try (ConfigurableApplicationContext app = start("127.0.0.1", "ca.crt")) {
			assertThatException().isThrownBy(() -> app.getBean(ConnectionFactory.class).createConnection())
				.withStackTraceContaining("is not valid for host '127.0.0.1'");

			MiddlewareApp.awaitOneFailure(app, "rabbitmq", "127.0.0.1:" + broker.port(), "hostname_mismatch");
		}
	}

	@Test
	void tlsOffStopsStartupNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> MiddlewareApp
			.start(List.of("spring.rabbitmq.host=localhost", "spring.rabbitmq.port=" + broker.port())));

		assertThat(output).contains(
				"spring.rabbitmq.ssl.enabled = 'false (not set)': connects to RabbitMQ in " + "plaintext",
				"set spring.rabbitmq.ssl.enabled=true and name the broker's CA in spring.rabbitmq.ssl.bundle");
	}

	@Test
	void tlsOffIsAWarningAndAWeakenedConnectionInReportMode(CapturedOutput output) {
		try (ConfigurableApplicationContext app = MiddlewareApp.start(List.of("spring.rabbitmq.host=localhost",
				"spring.rabbitmq.port=" + broker.port(), "secure.comms.mode=report"))) {
			assertThat(output)
				.contains("spring.rabbitmq.ssl.enabled=false (not set): connects to RabbitMQ in plaintext");
			assertThat(MiddlewareApp.onlyConnection(app))
				.satisfies((entry) -> assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.WEAKENED));
		}
	}

	private static ConfigurableApplicationContext start(String host, String trusted) {
		return start(List.of(), host, trusted);
	}

	private static ConfigurableApplicationContext start(List<Class<?>> configurations, String host, String trusted) {
		List<String> properties = new ArrayList<>(List.of("spring.rabbitmq.host=" + host,
				"spring.rabbitmq.port=" + broker.port(), "spring.rabbitmq.ssl.enabled=true",
				"spring.rabbitmq.ssl.bundle=broker", "secure.comms.middleware.revocation=off",
				"spring.ssl.bundle.pem.broker.truststore.certificate=file:" + directory.resolve(trusted)));
		return MiddlewareApp.start(configurations, properties);
	}

	/**
	 * An application that switches the client to NIO, which handshakes through SSL
	 * engines.
	 */
	@Configuration(proxyBeanMethods = false)
	static class Nio {

		@Bean
		ConnectionFactoryCustomizer nio() {
			return com.rabbitmq.client.ConnectionFactory::useNio;
		}

	}

}
