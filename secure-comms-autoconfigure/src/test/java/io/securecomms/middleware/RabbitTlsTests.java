package io.securecomms.middleware;

import java.util.List;

import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;

import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Mode;
import io.securecomms.policy.Violation;
import io.securecomms.trust.PolicySslContext;

import org.springframework.boot.amqp.autoconfigure.RabbitConnectionDetails;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What weakens the connection Boot builds from {@code spring.rabbitmq.*}, and what the
 * starter does to the client's {@link ConnectionFactory}.
 */
class RabbitTlsTests {

	private static final RabbitConnectionDetails BROKER = () -> List
		.of(new RabbitConnectionDetails.Address("broker.internal", 5671));

	@Test
	void tlsLeftOffNamesSslEnabled() {
		assertThat(RabbitTls.weaknesses(new RabbitProperties(), false)).singleElement().satisfies((weakness) -> {
			assertThat(weakness.property()).isEqualTo("spring.rabbitmq.ssl.enabled");
			assertThat(weakness.value()).isEqualTo("false (not set)");
			assertThat(weakness.problem()).contains("plaintext");
			assertThat(weakness.fix()).contains("spring.rabbitmq.ssl.enabled=true", "spring.rabbitmq.ssl.bundle");
		});
	}

	@Test
	void anAmqpAddressTurnsTlsOffWhateverSslEnabledSaysAndIsNamedWithoutItsCredentials() {
		RabbitProperties properties = new RabbitProperties();
		properties.getSsl().setEnabled(true);
		properties.setAddresses(List.of("amqp://app:s3cret@broker.internal:5672"));

		assertThat(properties.getSsl().determineEnabled()).isFalse();
		assertThat(RabbitTls.weaknesses(properties, false)).singleElement().satisfies((weakness) -> {
			assertThat(weakness.property()).isEqualTo("spring.rabbitmq.addresses");
			assertThat(weakness.value()).isEqualTo("amqp://broker.internal:5672");
			assertThat(weakness.fix()).contains("amqps://");
		});
	}

	@Test
	void hostNameAndCertificateChecksTurnedOffAreWeaknesses() {
		RabbitProperties properties = new RabbitProperties();
		properties.getSsl().setEnabled(true);
		properties.getSsl().setVerifyHostname(false);
		properties.getSsl().setValidateServerCertificate(false);

		assertThat(RabbitTls.weaknesses(properties, true)).extracting(Violation::property)
			.containsExactly("spring.rabbitmq.ssl.verify-hostname", "spring.rabbitmq.ssl.validate-server-certificate");
	}

	@Test
	void validateServerCertificateIsIgnoredByBootWhenABundleIsNamed() {
		RabbitProperties properties = new RabbitProperties();
		properties.getSsl().setBundle("broker");
		properties.getSsl().setValidateServerCertificate(false);

		assertThat(RabbitTls.weaknesses(properties, true)).isEmpty();
	}

	@Test
	void aConnectionOnTlsGetsThePolicySslContext() {
		RabbitProperties properties = new RabbitProperties();
		properties.getSsl().setEnabled(true);
		MiddlewareConnections connections = MiddlewareTestFixtures.connections(Mode.ENFORCE, List.of());
		ConnectionFactory factory = new ConnectionFactory();

		new RabbitTls(MiddlewareTestFixtures.tls(), connections).check(properties, BROKER).customize(factory);

		assertThat(factory.isSSL()).isTrue();
		assertThat(factory.getSocketFactory().getClass().getEnclosingClass()).isEqualTo(PolicySslContext.class);
		assertThat(connections.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.TLS);
			assertThat(entry.connection().hosts()).containsExactly("broker.internal:5671");
			assertThat(entry.connection().hostnameVerified()).isTrue();
		});
	}

	@Test
	void tlsOffStopsStartupInEnforceMode() {
		MiddlewareConnections connections = MiddlewareTestFixtures.connections(Mode.ENFORCE, List.of());

		assertThatExceptionOfType(InsecureConfigurationException.class).isThrownBy(
				() -> new RabbitTls(MiddlewareTestFixtures.tls(), connections).check(new RabbitProperties(), BROKER));
	}

	@Test
	void aWeaknessAllowedForTheChannelLeavesTheConnectionAsConfigured() {
		MiddlewareConnections connections = MiddlewareTestFixtures.connections(Mode.ENFORCE, List.of("rabbitmq"));
		ConnectionFactory factory = new ConnectionFactory();

		new RabbitTls(MiddlewareTestFixtures.tls(), connections).check(new RabbitProperties(), BROKER)
			.customize(factory);

		assertThat(factory.isSSL()).isFalse();
		assertThat(connections.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.PLAINTEXT_ALLOWED);
			assertThat(entry.connection().trustSource()).isEqualTo("none");
		});
	}

}
