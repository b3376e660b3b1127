package io.securecomms.middleware;

import java.util.Map;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The Kafka clients Boot configures, each with its own {@code spring.kafka.<client>.*} block that overrides the
 * common {@code spring.kafka.*} one.
 */
public enum KafkaClient {

	PRODUCER("producer"), CONSUMER("consumer"), ADMIN("admin"), STREAMS("streams");

	private final String name;

	KafkaClient(String name) {
		this.name = name;
	}

	/** {@code producer}, {@code consumer}, {@code admin} or {@code streams}. */
	public String clientName() {
		return this.name;
	}

	/** {@code spring.kafka.producer.}, ... */
	String prefix() {
		return "spring.kafka." + this.name + ".";
	}

	/** This client's own {@code security.protocol} (its {@code spring.kafka.<client>.security.protocol}). */
	String securityProtocol(KafkaProperties properties) {
		return switch (this) {
			case PRODUCER -> properties.getProducer().getSecurity().getProtocol();
			case CONSUMER -> properties.getConsumer().getSecurity().getProtocol();
			case ADMIN -> properties.getAdmin().getSecurity().getProtocol();
			case STREAMS -> properties.getStreams().getSecurity().getProtocol();
		};
	}

	/** This client's own {@code spring.kafka.<client>.ssl.bundle}. */
	String sslBundle(KafkaProperties properties) {
		return switch (this) {
			case PRODUCER -> properties.getProducer().getSsl().getBundle();
			case CONSUMER -> properties.getConsumer().getSsl().getBundle();
			case ADMIN -> properties.getAdmin().getSsl().getBundle();
			case STREAMS -> properties.getStreams().getSsl().getBundle();
		};
	}

	/** This client's own {@code spring.kafka.<client>.properties.*}. */
	Map<String, String> properties(KafkaProperties properties) {
		return switch (this) {
			case PRODUCER -> properties.getProducer().getProperties();
			case CONSUMER -> properties.getConsumer().getProperties();
			case ADMIN -> properties.getAdmin().getProperties();
			case STREAMS -> properties.getStreams().getProperties();
		};
	}

}
