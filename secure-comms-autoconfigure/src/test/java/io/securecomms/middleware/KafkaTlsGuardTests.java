package io.securecomms.middleware;

import java.nio.file.Path;
import java.util.Map;

import io.securecomms.autoconfigure.SecureCommsAutoConfiguration;
import io.securecomms.autoconfigure.SecureCommsKafkaAutoConfiguration;
import io.securecomms.autoconfigure.SecureCommsMiddlewareAutoConfiguration;
import io.securecomms.middleware.MiddlewareConnections.Status;
import io.securecomms.test.TestCertificates;
import io.securecomms.trust.PolicySslContext;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the starter changes in the configurations Boot builds for the Kafka clients, and
 * what it leaves alone.
 */
class KafkaTlsGuardTests {

	@TempDir
	static Path directory;

	private static Path ca;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SecureCommsAutoConfiguration.class,
				SecureCommsMiddlewareAutoConfiguration.class, SecureCommsKafkaAutoConfiguration.class,
				KafkaAutoConfiguration.class))
		.withUserConfiguration(KafkaStreamsApplication.class)
		.withPropertyValues("spring.kafka.bootstrap-servers=broker.example:9093",
				"spring.kafka.streams.application-id=guard", "spring.kafka.streams.auto-startup=false",
				"secure.comms.middleware.revocation=off");

	@BeforeAll
	static void writeCa() {
		ca = TestCertificates.rootCa("Kafka Test CA").writePem(directory, "kafka-ca");
	}

	@Test
	void everyTlsClientGetsThePolicysEnginesTrustingBootsBundle() {
		this.runner
			.withPropertyValues("spring.kafka.security.protocol=SSL", "spring.kafka.ssl.bundle=kafka",
					"spring.ssl.bundle.pem.kafka.truststore.certificate=file:" + ca)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertOnPolicy(producerConfigs(context));
				assertOnPolicy(streamsConfigs(context));
				assertThat(context.getBean(MiddlewareConnections.class).entries())
					.extracting((entry) -> entry.connection().client(), MiddlewareConnections.Entry::status)
					.containsExactlyInAnyOrder(tuple("kafkaConsumerFactory (consumer)", Status.TLS),
							tuple("kafkaProducerFactory (producer)", Status.TLS),
							tuple("kafkaAdmin (admin)", Status.TLS),
							tuple("defaultKafkaStreamsConfig (streams)", Status.TLS));
			});
	}

	@Test
	void withoutBootsBundleTheMiddlewareTrustIsUsed() {
		this.runner
			.withPropertyValues("spring.kafka.security.protocol=SASL_SSL",
					"secure.comms.middleware.trust-bundle=internal",
					"spring.ssl.bundle.pem.internal.truststore.certificate=file:" + ca)
			.run((context) -> {
				assertOnPolicy(producerConfigs(context));
				assertThat(context.getBean(MiddlewareConnections.class).entries())
					.allSatisfy((entry) -> assertThat(entry.connection().trustSource())
						.isEqualTo("internal (secure.comms.middleware.trust-bundle)"));
			});
	}

	@Test
	void kafkasOwnTrustStoreIsLeftAsConfiguredAndReported() {
		this.runner
			.withPropertyValues("spring.kafka.security.protocol=SSL", "secure.comms.mode=report",
					"spring.kafka.ssl.trust-store-location=file:" + ca, "spring.kafka.ssl.trust-store-type=PEM")
			.run((context) -> {
				assertThat(producerConfigs(context)).doesNotContainKey(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG)
					.containsKey(SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG);
				assertThat(context.getBean(MiddlewareConnections.class).entries()).allSatisfy((entry) -> {
					assertThat(entry.status()).isEqualTo(Status.WEAKENED);
					assertThat(entry.connection().trustSource()).isEqualTo("Kafka's own ssl.truststore.location");
				});
			});
	}

	@Test
	void anEngineFactoryOfTheApplicationsIsLeftAlone() {
		this.runner
			.withPropertyValues("spring.kafka.security.protocol=SSL",
					"spring.kafka.properties[ssl.engine.factory.class]=com.example.HsmSslEngineFactory")
			.run((context) -> {
				assertThat(producerConfigs(context)).containsEntry(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG,
						"com.example.HsmSslEngineFactory");
				assertThat(context.getBean(MiddlewareConnections.class).entries()).allSatisfy((entry) -> {
					assertThat(entry.status()).isEqualTo(Status.TLS);
					assertThat(entry.connection().trustSource()).contains("com.example.HsmSslEngineFactory");
				});
			});
	}

	@Test
	void kafkaLeftAtBootsDefaultsIsTakenAsUnused() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class,
				SecureCommsAutoConfiguration.class, SecureCommsMiddlewareAutoConfiguration.class,
				SecureCommsKafkaAutoConfiguration.class, KafkaAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(MiddlewareConnections.class).entries()).allSatisfy(
						(entry) -> assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.UNCONFIGURED));
			});
		this.runner.withPropertyValues("spring.kafka.bootstrap-servers=localhost:9092", "secure.comms.mode=report")
			.run((context) -> assertThat(context.getBean(MiddlewareConnections.class).entries())
				.extracting(MiddlewareConnections.Entry::status)
				.containsOnly(Status.WEAKENED));
	}

	@Test
	void theEngineFactoryCannotBeNamedByHand() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new KafkaPolicySslEngineFactory()
				.configure(Map.of(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, KafkaPolicySslEngineFactory.class)))
			.withMessageContaining("cannot be named in a client's ssl.engine.factory.class by hand");
	}

	private static void assertOnPolicy(Map<String, Object> configs) {
		assertThat(configs).containsEntry(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, KafkaPolicySslEngineFactory.class)
			.doesNotContainValue(SslBundleSslEngineFactory.class);
		assertThat(configs.get(KafkaPolicySslEngineFactory.CONTEXT_CONFIG)).isInstanceOf(PolicySslContext.class);
	}

	private static Map<String, Object> producerConfigs(ApplicationContext context) {
		return context.getBean(DefaultKafkaProducerFactory.class).getConfigurationProperties();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> streamsConfigs(ApplicationContext context) {
		return (Map<String, Object>) (Map<?, ?>) context.getBean(KafkaStreamsConfiguration.class).asProperties();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableKafkaStreams
	static class KafkaStreamsApplication {

	}

}
