package io.securecomms.middleware;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The Kafka clients Boot configures, each with its own {@code spring.kafka.<client>.*}
 * block that overrides the common {@code spring.kafka.*} one.
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

	/**
	 * This client's own {@code security.protocol} (its
	 * {@code spring.kafka.<client>.security.protocol}).
	 */
	@Nullable String securityProtocol(KafkaProperties properties) {
		return own(properties).security().getProtocol();
	}

	/** This client's own {@code spring.kafka.<client>.ssl.bundle}. */
	@Nullable String sslBundle(KafkaProperties properties) {
		return own(properties).ssl().getBundle();
	}

	/** This client's own {@code spring.kafka.<client>.properties.*}. */
	Map<String, String> properties(KafkaProperties properties) {
		return own(properties).properties();
	}

	private Own own(KafkaProperties properties) {
		return switch (this) {
			case PRODUCER -> new Own(properties.getProducer().getSecurity(), properties.getProducer().getSsl(),
					properties.getProducer().getProperties());
			case CONSUMER -> new Own(properties.getConsumer().getSecurity(), properties.getConsumer().getSsl(),
					properties.getConsumer().getProperties());
			case ADMIN -> new Own(properties.getAdmin().getSecurity(), properties.getAdmin().getSsl(),
					properties.getAdmin().getProperties());
			case STREAMS -> new Own(properties.getStreams().getSecurity(), properties.getStreams().getSsl(),
					properties.getStreams().getProperties());
		};
	}

	/** The client's own block of {@code spring.kafka.<client>.*}. */
	private record Own(KafkaProperties.Security security, KafkaProperties.Ssl ssl, Map<String, String> properties) {
	}

}
