package io.securecomms.middleware;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.securecomms.policy.Violation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rule reads the configuration Boot's own Kafka auto-configuration builds (without
 * the starter), so these tests also pin down Boot 4.0's merge order of the
 * {@code spring.kafka.*} properties.
 */
class KafkaTlsRuleTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SslAutoConfiguration.class))
		.withUserConfiguration(KafkaStreamsApplication.class)
		.withPropertyValues("spring.kafka.bootstrap-servers=broker.example:9093",
				"spring.kafka.streams.application-id=rules", "spring.kafka.streams.auto-startup=false");

	@Test
	void nothingSetIsKafkasDefaultPlaintext() {
		assertWeakness(KafkaClient.PRODUCER, "spring.kafka.security.protocol", "(not set: Kafka's default PLAINTEXT)",
				"talks to the brokers in plaintext", "set spring.kafka.security.protocol=SSL");
	}

	@Test
	void plaintextInTheCommonPropertiesMapIsNamedThere() {
		assertWeakness(KafkaClient.ADMIN, "spring.kafka.properties[security.protocol]", "PLAINTEXT", "in plaintext",
				"set spring.kafka.properties[security.protocol]=SSL",
				"spring.kafka.properties[security.protocol]=PLAINTEXT");
	}

	@Test
	void saslPlaintextOfOneClientIsNamedWithSaslSslAsTheFix() {
		assertWeakness(KafkaClient.PRODUCER, "spring.kafka.producer.properties[security.protocol]", "SASL_PLAINTEXT",
				"records and SASL credentials", "=SASL_SSL",
				"spring.kafka.producer.properties[security.protocol]=SASL_PLAINTEXT");
	}

	@Test
	void theProducersOwnProtocolWinsOverTheCommonOne() {
		assertWeakness(KafkaClient.PRODUCER, "spring.kafka.producer.security.protocol", "PLAINTEXT", "in plaintext",
				"spring.kafka.producer.security.protocol=SSL", "spring.kafka.security.protocol=SSL",
				"spring.kafka.producer.security.protocol=PLAINTEXT");
	}

	@Test
	void theCommonProtocolWinsOverTheProducersPropertiesMap() {
		assertNoWeakness(KafkaClient.PRODUCER, "spring.kafka.security.protocol=SSL",
				"spring.kafka.producer.properties[security.protocol]=PLAINTEXT");
	}

	@Test
	void bootGivesTheConsumerTheCommonProtocolOverItsOwn() {
		assertNoWeakness(KafkaClient.CONSUMER, "spring.kafka.security.protocol=SSL",
				"spring.kafka.consumer.security.protocol=PLAINTEXT");
		assertWeakness(KafkaClient.CONSUMER, "spring.kafka.security.protocol", "PLAINTEXT", "in plaintext",
				"spring.kafka.security.protocol=SSL", "spring.kafka.security.protocol=PLAINTEXT",
				"spring.kafka.consumer.security.protocol=SSL");
	}

	@Test
	void emptyEndpointIdentificationIsNamed() {
		assertWeakness(KafkaClient.CONSUMER, "spring.kafka.consumer.properties[ssl.endpoint.identification.algorithm]",
				"(empty)", "host name", "Kafka's default is https", "spring.kafka.security.protocol=SSL",
				"spring.kafka.consumer.properties[ssl.endpoint.identification.algorithm]=");
	}

	@Test
	void kafkasOwnStoresAreNamed() {
		assertWeakness(KafkaClient.PRODUCER, "spring.kafka.ssl.trust-store-location", null,
				"Kafka's own key and trust stores (ssl.truststore.location)", "spring.kafka.ssl.bundle",
				"spring.kafka.security.protocol=SSL",
				"spring.kafka.ssl.trust-store-location=file:/etc/kafka/truststore.p12");
		assertWeakness(KafkaClient.CONSUMER, "spring.kafka.ssl.key-store-key", "(set)",
				"the JDK's CAs trusted when no trust store is given", "spring.kafka.ssl.bundle",
				"spring.kafka.security.protocol=SSL", "spring.kafka.ssl.key-store-key=-----BEGIN PRIVATE KEY-----",
				"spring.kafka.ssl.key-store-certificate-chain=-----BEGIN CERTIFICATE-----");
	}

	@Test
	void sslWithTheHostNameCheckIsVerifiedTls() {
		assertNoWeakness(KafkaClient.STREAMS, "spring.kafka.security.protocol=SASL_SSL");
		assertWeakness(KafkaClient.STREAMS, "spring.kafka.streams.security.protocol", "PLAINTEXT", "in plaintext",
				"spring.kafka.streams.security.protocol=SSL", "spring.kafka.security.protocol=SASL_SSL",
				"spring.kafka.streams.security.protocol=PLAINTEXT");
		assertNoWeakness(KafkaClient.ADMIN, "spring.kafka.admin.security.protocol=SSL",
				"spring.kafka.properties[ssl.endpoint.identification.algorithm]=https");
	}

	private void assertNoWeakness(KafkaClient client, String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> assertThat(weaknesses(context, client)).isEmpty());
	}

	private void assertWeakness(KafkaClient client, String property, String value, String problem, String fix,
			String... properties) {
		this.runner.withPropertyValues(properties).run((context) -> {
			List<Violation> weaknesses = weaknesses(context, client);
			assertThat(weaknesses).hasSize(1);
			Violation weakness = weaknesses.get(0);
			assertThat(weakness.property()).isEqualTo(property);
			if (value != null) {
				assertThat(weakness.value()).isEqualTo(value);
			}
			assertThat(weakness.problem()).contains(problem).contains("Kafka " + client.clientName());
			assertThat(weakness.fix()).contains(fix);
		});
	}

	private static List<Violation> weaknesses(ApplicationContext context, KafkaClient client) {
		Map<String, Object> effective = switch (client) {
			case PRODUCER -> config(context, DefaultKafkaProducerFactory.class,
					DefaultKafkaProducerFactory::getConfigurationProperties);
			case CONSUMER -> config(context, DefaultKafkaConsumerFactory.class,
					DefaultKafkaConsumerFactory::getConfigurationProperties);
			case ADMIN -> config(context, KafkaAdmin.class, KafkaAdmin::getConfigurationProperties);
			case STREAMS -> new HashMap<>(context.getBean(KafkaStreamsConfiguration.class)
				.asProperties()
				.entrySet()
				.stream()
				.collect(Collectors.toMap((entry) -> entry.getKey().toString(), Map.Entry::getValue)));
		};
		return new KafkaTlsRule(context.getBean(KafkaProperties.class)).weaknesses(client, effective);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableKafkaStreams
	static class KafkaStreamsApplication {

	}

	private static <T> Map<String, Object> config(ApplicationContext context, Class<T> type,
			Function<T, Map<String, Object>> configs) {
		return configs.apply(context.getBean(type));
	}

}
