package io.securecomms.middleware;

import java.nio.file.Path;
import java.util.List;

import io.securecomms.middleware.MiddlewareConnections.Status;
import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Violation;
import io.securecomms.testsupport.KafkaApps;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.test.TestCertificates;
import io.securecomms.testsupport.TlsKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Boot's Kafka clients against an in-JVM KRaft broker whose listener speaks only TLS,
 * with a certificate for {@code localhost} from the tests' CA.
 */
class KafkaTlsIntegrationTests {

	private static final String TRUSTED_BY_BOOTS_BUNDLE = "kafka (spring.kafka.ssl.bundle)";

	@TempDir
	static Path directory;

	private static TlsKafkaBroker broker;

	private static Path trustedCa;

	private static Path otherCa;

	@BeforeAll
	static void startBroker() {
		broker = TlsKafkaBroker.start(directory, "localhost");
		trustedCa = broker.caCertificate();
		otherCa = TestCertificates.rootCa("Some Other CA").writePem(directory, "other-ca");
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void recordsTravelOverTheBrokersTlsListenerAndTheHandshakeIsTimed() throws Exception {
		try (ConfigurableApplicationContext app = KafkaApps.start(trustedCa, broker.bootstrapServers())) {
			KafkaApps.send(app, "greetings", "hello over TLS");
			assertThat(KafkaApps.consumeOne(app, "greetings")).isEqualTo("hello over TLS");
			// The admin client gets the policy's engines too (KafkaAdmin's configuration
			// is changed in place).
			assertThat(app.getBean(KafkaAdmin.class).describeTopics("greetings")).containsKey("greetings");
			MiddlewareApp.awaitHandshake(app, "kafka", broker.bootstrapServers());
			assertThat(MiddlewareApp.failures(app)).isZero();
			assertThat(app.getBean(MiddlewareConnections.class).entries())
				.extracting((entry) -> entry.connection().client(), MiddlewareConnections.Entry::status,
						(entry) -> entry.connection().trustSource(), (entry) -> entry.connection().hosts())
				.contains(
						tuple("kafkaProducerFactory (producer)", Status.TLS, TRUSTED_BY_BOOTS_BUNDLE,
								List.of(broker.bootstrapServers())),
						tuple("kafkaConsumerFactory (consumer)", Status.TLS, TRUSTED_BY_BOOTS_BUNDLE,
								List.of(broker.bootstrapServers())),
						tuple("kafkaAdmin (admin)", Status.TLS, TRUSTED_BY_BOOTS_BUNDLE,
								List.of(broker.bootstrapServers())));
		}
	}

	@Test
	void aBrokerCertificateFromAnotherCaIsRefusedAndCounted() {
		try (ConfigurableApplicationContext app = KafkaApps.start(otherCa, broker.bootstrapServers())) {
			KafkaApps.assertRefused(app, "is not trusted: its CA is not in spring.kafka.ssl.bundle",
					broker.bootstrapServers(), "cert_untrusted");
		}
	}

	@Test
	void aPlaintextClientStopsStartupNamingTheProperty() {
		assertThatExceptionOfType(Exception.class).isThrownBy(
				() -> KafkaApps.start(trustedCa, broker.bootstrapServers(), "spring.kafka.security.protocol=PLAINTEXT"))
			.havingRootCause()
			.isInstanceOfSatisfying(InsecureConfigurationException.class, (refused) -> {
				assertThat(refused).hasMessageContaining(
						"spring.kafka.security.protocol=PLAINTEXT: the Kafka producer talks to the brokers in plaintext");
				assertThat(refused.getViolations()).first()
					.extracting(Violation::fix)
					.asString()
					.startsWith("set spring.kafka.security.protocol=SSL")
					.contains("secure.comms.middleware.plaintext-allowed");
			});
	}

	@Test
	void reportModeStartsAPlaintextClientAndListsIt() {
		try (ConfigurableApplicationContext app = KafkaApps.start(trustedCa, broker.bootstrapServers(),
				"spring.kafka.security.protocol=PLAINTEXT", "secure.comms.mode=report")) {
			assertThat(app.getBean(MiddlewareConnections.class).entries())
				.filteredOn((entry) -> entry.connection().client().equals("kafkaProducerFactory (producer)"))
				.singleElement()
				.satisfies((entry) -> {
					assertThat(entry.status()).isEqualTo(Status.WEAKENED);
					assertThat(entry.connection().trustSource()).isEqualTo("none");
					assertThat(entry.weaknesses()).singleElement()
						.asString()
						.startsWith("spring.kafka.security.protocol=PLAINTEXT: the Kafka producer talks");
				});
			// The producer, the consumer and the admin client.
			assertThat(MiddlewareApp.violations(app)).isEqualTo(3);
		}
	}

	@Test
	void aChannelListedAsPlaintextAllowedIsShownAsSuch() {
		try (ConfigurableApplicationContext app = KafkaApps.start(trustedCa, broker.bootstrapServers(),
				"spring.kafka.security.protocol=PLAINTEXT", "secure.comms.middleware.plaintext-allowed=kafka")) {
			assertThat(MiddlewareApp.connections(app, "kafka")).extracting(MiddlewareConnections.Entry::status)
				.containsOnly(Status.PLAINTEXT_ALLOWED);
			assertThat(MiddlewareApp.violations(app)).isZero();
		}
	}

}
