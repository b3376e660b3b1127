package io.securecomms.middleware;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.util.StringUtils;

/**
 * What weakens a Kafka client, decided from the configuration Boot actually hands the
 * client (its merge of {@code spring.kafka.*}, {@code spring.kafka.<client>.*}, the
 * {@code properties} maps and the connection details), and which Boot property put the
 * deciding value there.
 * <p>
 * Boot 4.0 merges, lowest first: {@code spring.kafka.ssl.*},
 * {@code spring.kafka.security.protocol}, {@code spring.kafka.properties.*}, then the
 * client's {@code ssl.*}, {@code security.protocol} and {@code properties.*}; then
 * {@code KafkaConnectionDetails} sets {@code security.protocol} again: the client's own
 * protocol or else the common one for the producer, admin and Streams, but only the
 * common one for the consumer.
 */
public final class KafkaTlsRule {

	static final String SECURITY_PROTOCOL = "security.protocol";

	static final String ENDPOINT_IDENTIFICATION = "ssl.endpoint.identification.algorithm";

	/**
	 * Kafka's own trust and key store settings, which bypass the SSL bundles, with Boot's
	 * property for each; the trust store first.
	 */
	static final Map<String, String> KAFKA_STORE_SETTINGS = kafkaStoreSettings();

	private final KafkaProperties properties;

	public KafkaTlsRule(KafkaProperties properties) {
		this.properties = properties;
	}

	/** Whether the client speaks TLS to the brokers ({@code SSL} or {@code SASL_SSL}). */
	public static boolean usesTls(Map<String, Object> effective) {
		return protocol(effective).endsWith("SSL");
	}

	/** Whether Kafka's own host name check is on (its default {@code https}). */
	public static boolean checksHostName(Map<String, Object> effective) {
		Object algorithm = effective.get(ENDPOINT_IDENTIFICATION);
		return algorithm == null || StringUtils.hasText(algorithm.toString());
	}

	/**
	 * Kafka's own trust or key store setting the client reads instead of an SSL bundle,
	 * or {@code null}. With a key store alone Kafka would trust the JDK's CAs; the
	 * policy's engines would drop the client certificate.
	 */
	public static @Nullable String kafkaStoreSetting(Map<String, Object> effective) {
		return KAFKA_STORE_SETTINGS.keySet()
			.stream()
			.filter((key) -> effective.get(key) != null)
			.findFirst()
			.orElse(null);
	}

	/**
	 * @param effective the client's configuration as Boot built it
	 * @return each weakness naming the Boot property that set it and the fix; empty for
	 * verified TLS
	 */
	public List<Violation> weaknesses(KafkaClient client, Map<String, Object> effective) {
		List<Violation> weaknesses = new ArrayList<>();
		String protocol = protocol(effective);
		if (!protocol.endsWith("SSL")) {
			weaknesses.add(plaintext(client, protocol, effective.get(SECURITY_PROTOCOL) != null));
			return weaknesses;
		}
		if (!checksHostName(effective)) {
			weaknesses.add(Violation.insecure(endpointIdentificationProperty(client), "(empty)",
					"the Kafka " + client.clientName() + " turns off Kafka's check that the broker's certificate "
							+ "is for the broker's host name, so any certificate its CA issued would be taken",
					"remove it: Kafka's default is https, the host name check"));
		}
		String kafkaStore = kafkaStoreSetting(effective);
		if (kafkaStore != null) {
			// Certificates and keys given inline are not quoted.
			weaknesses.add(Violation.insecure(Objects.requireNonNull(KAFKA_STORE_SETTINGS.get(kafkaStore)),
					kafkaStore.endsWith("location") ? String.valueOf(effective.get(kafkaStore)) : "(set)",
					"the Kafka " + client.clientName() + " uses Kafka's own key and trust stores (" + kafkaStore
							+ "), outside the policy: no revocation check, weak keys accepted, the JDK's CAs trusted "
							+ "when no trust store is given, handshakes not observed",
					"put the certificates in an SSL bundle (spring.ssl.bundle.*) and name it in "
							+ "spring.kafka.ssl.bundle"));
		}
		return weaknesses;
	}

	private Violation plaintext(KafkaClient client, String protocol, boolean set) {
		Map.Entry<String, String> source = set ? protocolSource(client, protocol)
				: Map.entry("spring.kafka.security.protocol", "(not set: Kafka's default PLAINTEXT)");
		String secure = protocol.startsWith("SASL") ? "SASL_SSL" : "SSL";
		return Violation.insecure(source.getKey(), source.getValue(),
				"the Kafka " + client.clientName() + " talks to the brokers in plaintext (security.protocol " + protocol
						+ "): records" + (protocol.startsWith("SASL") ? " and SASL credentials" : "")
						+ " can be read and changed on the network",
				"set " + source.getKey() + "=" + secure + " with the brokers' CA in an SSL bundle named by "
						+ "spring.kafka.ssl.bundle, or list kafka in " + MiddlewareConnections.PLAINTEXT_ALLOWED);
	}

	/**
	 * The Boot property that decided the client's {@code security.protocol}, and its
	 * value: the first in Boot's order of precedence that holds {@code protocol};
	 * {@code spring.kafka.security.protocol} when none does (a customizer or a connection
	 * details bean set it).
	 */
	Map.Entry<String, String> protocolSource(KafkaClient client, String protocol) {
		Map<String, String> candidates = new LinkedHashMap<>();
		String common = this.properties.getSecurity().getProtocol();
		String own = client.securityProtocol(this.properties);
		String ownMap = client.properties(this.properties).get(SECURITY_PROTOCOL);
		String commonMap = this.properties.getProperties().get(SECURITY_PROTOCOL);
		if (client == KafkaClient.CONSUMER) {
			// Boot's connection details give the consumer the common protocol, over its
			// own.
			candidates.put("spring.kafka.security.protocol", common);
			candidates.put(client.prefix() + "properties[" + SECURITY_PROTOCOL + "]", ownMap);
			candidates.put(client.prefix() + "security.protocol", own);
		}
		else {
			candidates.put(client.prefix() + "security.protocol", own);
			candidates.put("spring.kafka.security.protocol", common);
			candidates.put(client.prefix() + "properties[" + SECURITY_PROTOCOL + "]", ownMap);
		}
		candidates.put("spring.kafka.properties[" + SECURITY_PROTOCOL + "]", commonMap);
		return candidates.entrySet()
			.stream()
			.filter((candidate) -> protocol.equalsIgnoreCase(String.valueOf(candidate.getValue()).trim()))
			.findFirst()
			.orElse(Map.entry("spring.kafka.security.protocol", protocol));
	}

	private String endpointIdentificationProperty(KafkaClient client) {
		String key = "properties[" + ENDPOINT_IDENTIFICATION + "]";
		return client.properties(this.properties).containsKey(ENDPOINT_IDENTIFICATION) ? client.prefix() + key
				: "spring.kafka." + key;
	}

	private static Map<String, String> kafkaStoreSettings() {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("ssl.truststore.location", "spring.kafka.ssl.trust-store-location");
		settings.put("ssl.truststore.certificates", "spring.kafka.ssl.trust-store-certificates");
		settings.put("ssl.keystore.location", "spring.kafka.ssl.key-store-location");
		settings.put("ssl.keystore.key", "spring.kafka.ssl.key-store-key");
		settings.put("ssl.keystore.certificate.chain", "spring.kafka.ssl.key-store-certificate-chain");
		return Collections.unmodifiableMap(settings);
	}

	private static String protocol(Map<String, Object> effective) {
		Object protocol = effective.get(SECURITY_PROTOCOL);
		return (protocol != null) ? protocol.toString().trim().toUpperCase(Locale.ROOT) : "PLAINTEXT";
	}

}
