package io.securecomms.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A non-web application whose Kafka clients use TLS with Boot's
 * {@code spring.kafka.ssl.bundle=kafka} (one CA certificate), and what only the Kafka
 * tests ask of it: a record sent and read back, or refused. The {@code kafka} channel's
 * meters are read with {@link MiddlewareApp}.
 */
public final class KafkaApps {

	private KafkaApps() {
	}

	public static ConfigurableApplicationContext start(Path caCertificate, String bootstrapServers,
			String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + bootstrapServers,
				"spring.kafka.security.protocol=SSL", "spring.kafka.ssl.bundle=kafka",
				"spring.ssl.bundle.pem.kafka.truststore.certificate=file:" + caCertificate,
				"secure.comms.middleware.revocation=off", "spring.kafka.consumer.group-id=secure-comms-tests",
				"spring.kafka.consumer.auto-offset-reset=earliest",
				// A refused handshake fails the send at once; this only bounds a test
				// that would otherwise hang.
				"spring.kafka.producer.properties[max.block.ms]=15000"));
		all.addAll(List.of(properties));
		return MiddlewareApp.start(all);
	}

	public static void send(ConfigurableApplicationContext app, String topic, String value) throws Exception {
		app.getBean(KafkaTemplate.class).send(topic, value).get(30, TimeUnit.SECONDS);
	}

	@SuppressWarnings("unchecked")
	public static String consumeOne(ConfigurableApplicationContext app, String topic) {
		try (Consumer<String, String> consumer = ((ConsumerFactory<String, String>) app.getBean(ConsumerFactory.class))
			.createConsumer()) {
			consumer.subscribe(List.of(topic));
			ConsumerRecord<String, String> record = KafkaTestUtils.getSingleRecord(consumer, topic,
					Duration.ofSeconds(30));
			return record.value();
		}
	}

	/**
	 * A record cannot be sent, the failure says {@code why}, and every handshake failure
	 * is counted on the kafka channel with {@code peer} and {@code reason} (the client
	 * retries, so there may be more than one).
	 */
	public static void assertRefused(ConfigurableApplicationContext app, String why, String peer, String reason) {
		assertThatException().isThrownBy(() -> send(app, "refused", "never sent")).withStackTraceContaining(why);
		MiddlewareApp.awaitFailures(app, "kafka", peer, reason);
	}

}
