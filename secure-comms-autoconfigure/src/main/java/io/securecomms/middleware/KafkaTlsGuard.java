package io.securecomms.middleware;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.securecomms.metrics.Channel;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SslConfigs;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.kafka.autoconfigure.SslBundleSslEngineFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Checks each Kafka client's configuration as Boot built it, records the connection, and
 * hands back what puts a TLS client on the policy: {@link KafkaPolicySslEngineFactory}
 * with a {@code kafka} channel {@link io.securecomms.trust.PolicySslContext} trusting the
 * bundle Boot's {@code spring.kafka.ssl.bundle} (or the client's own) names, else
 * {@code secure.comms.middleware.*}.
 */
public final class KafkaTlsGuard {

	/** Boot's {@code spring.kafka.bootstrap-servers} when nothing is configured. */
	static final List<String> BOOTS_DEFAULT_SERVERS = List.of("localhost:9092");

	private final KafkaTlsRule rule;

	private final KafkaProperties properties;

	private final MiddlewareTls tls;

	private final MiddlewareConnections connections;

	private final SslBundles bundles;

	private final boolean configured;

	/**
	 * @param configured whether the application configured Kafka
	 * ({@link BootClientConfiguration})
	 */
	public KafkaTlsGuard(KafkaProperties properties, MiddlewareTls tls, MiddlewareConnections connections,
			SslBundles bundles, boolean configured) {
		this.rule = new KafkaTlsRule(properties);
		this.properties = properties;
		this.tls = tls;
		this.connections = connections;
		this.bundles = bundles;
		this.configured = configured;
	}

	/**
	 * @param beanName the bean that builds the client (the producer factory, ...), for
	 * the posture
	 * @param effective the client's configuration as Boot built it
	 * @return the entries to add to the client's configuration; none when it stays as
	 * configured (plaintext, or TLS on trust the starter cannot take over)
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, for a
	 * weakness not allowed
	 */
	public Map<String, Object> secure(KafkaClient client, String beanName, Map<String, Object> effective) {
		if (!inUse(effective)) {
			this.connections.unconfigured(Channel.KAFKA, beanName + " (" + client.clientName() + ", Boot's default)",
					BOOTS_DEFAULT_SERVERS.get(0), "spring.kafka.bootstrap-servers");
			return Map.of();
		}
		String bundle = bundleName(effective);
		String bundleProperty = bundleProperty(client, bundle);
		String trustSource = trustSource(effective, bundle, bundleProperty);
		boolean onPolicy = KafkaTlsRule.usesTls(effective) && trustSource == null;
		MiddlewareConnection connection = new MiddlewareConnection(Channel.KAFKA,
				beanName + " (" + client.clientName() + ")", hosts(effective),
				onPolicy ? this.tls.trustSource(bundle, bundleProperty)
						: ((trustSource != null) ? trustSource : "none"),
				onPolicy || (KafkaTlsRule.usesTls(effective) && KafkaTlsRule.checksHostName(effective)));
		this.connections.check(connection, this.rule.weaknesses(client, effective));
		if (!onPolicy) {
			return Map.of();
		}
		return Map.of(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG, KafkaPolicySslEngineFactory.class,
				KafkaPolicySslEngineFactory.CONTEXT_CONFIG, this.tls.sslContext(Channel.KAFKA, bundle, bundleProperty));
	}

	/**
	 * Boot builds its Kafka beans whenever spring-kafka is on the class path. A client
	 * left entirely at Boot's defaults (Kafka not configured, the default
	 * {@code localhost:9092}) is taken as unused: its connections, if any, never leave
	 * the host.
	 */
	private boolean inUse(Map<String, Object> effective) {
		return this.configured || !hosts(effective).equals(BOOTS_DEFAULT_SERVERS);
	}

	/**
	 * What the client trusts when the starter leaves its TLS as it is, or {@code null}
	 * when the policy takes it over: plaintext, Kafka's own key or trust store, an engine
	 * factory of the application's, or a bundle that a connection details bean made
	 * outside the SSL bundle registry.
	 */
	private @Nullable String trustSource(Map<String, Object> effective, @Nullable String bundle,
			String bundleProperty) {
		if (!KafkaTlsRule.usesTls(effective)) {
			return "none";
		}
		String kafkaStore = KafkaTlsRule.kafkaStoreSetting(effective);
		if (kafkaStore != null) {
			return "Kafka's own " + kafkaStore;
		}
		Object engineFactory = effective.get(SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG);
		if (engineFactory != null && !isBoots(engineFactory)) {
			return "the application's " + SslConfigs.SSL_ENGINE_FACTORY_CLASS_CONFIG + " " + engineFactory;
		}
		if (bundle == null && effective.get(SslBundle.class.getName()) != null) {
			return "an SSL bundle of the KafkaConnectionDetails bean, not one of spring.ssl.bundle";
		}
		return null;
	}

	private static boolean isBoots(Object engineFactory) {
		String name = (engineFactory instanceof Class<?> type) ? type.getName() : engineFactory.toString().trim();
		return name.equals(SslBundleSslEngineFactory.class.getName())
				|| name.equals(KafkaPolicySslEngineFactory.class.getName());
	}

	/**
	 * The registered name of the bundle Boot put into the configuration, or {@code null}.
	 */
	private @Nullable String bundleName(Map<String, Object> effective) {
		Object bundle = effective.get(SslBundle.class.getName());
		if (bundle == null) {
			return null;
		}
		return this.bundles.getBundleNames()
			.stream()
			.filter((name) -> this.bundles.getBundle(name) == bundle)
			.findFirst()
			.orElse(null);
	}

	private String bundleProperty(KafkaClient client, @Nullable String bundle) {
		return (bundle != null && bundle.equals(client.sslBundle(this.properties))) ? client.prefix() + "ssl.bundle"
				: "spring.kafka.ssl.bundle";
	}

	private static List<String> hosts(Map<String, Object> effective) {
		Object servers = effective.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
		if (servers instanceof Collection<?> list) {
			return list.stream().map((server) -> server.toString().trim()).toList();
		}
		return (servers != null) ? Arrays.stream(servers.toString().split(",")).map(String::trim).toList() : List.of();
	}

}
