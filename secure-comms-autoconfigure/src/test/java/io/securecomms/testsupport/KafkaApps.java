package io.securecomms.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A non-web application whose Kafka clients use TLS with Boot's {@code spring.kafka.ssl.bundle=kafka} (one CA
 * certificate), and what the Kafka tests ask of it: a record sent and read back, and the {@code kafka} channel's
 * meters.
 */
public final class KafkaApps {

	private static final String FAILURES = "secure.comms.tls.handshake.failures";

	private KafkaApps() {
	}

	public static ConfigurableApplicationContext start(Path caCertificate, String bootstrapServers,
			String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.kafka.bootstrap-servers=" + bootstrapServers,
				"spring.kafka.security.protocol=SSL", "spring.kafka.ssl.bundle=kafka",
				"spring.ssl.bundle.pem.kafka.truststore.certificate=file:" + caCertificate,
				"secure.comms.middleware.revocation=off", "spring.kafka.consumer.group-id=secure-comms-tests",
				"spring.kafka.consumer.auto-offset-reset=earliest",
				// A refused handshake fails the send at once; this only bounds a test that would otherwise hang.
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

	/** Waits until a handshake with {@code peer} is timed on the kafka channel. */
	public static void awaitHandshakes(ConfigurableApplicationContext app, String peer) {
		MiddlewareApp.awaitHandshake(app, "kafka", peer);
	}

	/**
	 * A record cannot be sent, the failure says {@code why}, and every handshake failure on the kafka channel is
	 * counted with {@code peer} and {@code reason} (the client retries, so there may be more than one).
	 */
	public static void assertRefused(ConfigurableApplicationContext app, String why, String peer, String reason) {
		assertThatException().isThrownBy(() -> send(app, "refused", "never sent")).withStackTraceContaining(why);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(failures(app, peer, reason)).isPositive());
		assertThat(MiddlewareApp.failures(app)).isEqualTo(failures(app, peer, reason));
	}

	/** The kafka channel's outbound failures with {@code peer} and {@code reason}. */
	public static double failures(ConfigurableApplicationContext app, String peer, String reason) {
		return meters(app).find(FAILURES)
			.tags("channel", "kafka", "direction", "outbound", "peer", peer, "reason", reason)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	public static MeterRegistry meters(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class);
	}

}
