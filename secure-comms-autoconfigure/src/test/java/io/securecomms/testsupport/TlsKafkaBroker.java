package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * spring-kafka-test's in-JVM KRaft broker whose client listener ({@code EXTERNAL}) speaks
 * only TLS, with a server certificate for {@code localhost} (and nothing else) issued by
 * the tests' CA. The controller listener stays internal and plaintext; clients never see
 * it.
 */
public final class TlsKafkaBroker implements AutoCloseable {

	private static final String PASSWORD = "changeit";

	private static final String BROKER_LIST_PROPERTY = "secure.comms.test.kafka.brokers";

	private final EmbeddedKafkaKraftBroker broker;

	private final Path caCertificate;

	private TlsKafkaBroker(EmbeddedKafkaKraftBroker broker, Path caCertificate) {
		this.broker = broker;
		this.caCertificate = caCertificate;
	}

	/**
	 * Starts a broker with a certificate for {@code host} from a CA of its own
	 * ({@link #caCertificate()}).
	 */
	public static TlsKafkaBroker start(Path directory, String host) {
		return start(TestCertificates.rootCa("Kafka Test CA").issue(TestCertificates.Spec.server(host)), directory);
	}

	/**
	 * Starts a broker presenting {@code server} (written as a PKCS#12 key store into
	 * {@code directory}). Kafka checks at startup that a client with the listener's
	 * settings could connect, so the listener trusts the issuing CA as well.
	 */
	public static TlsKafkaBroker start(TestCertificates.Issued server, Path directory) {
		return start(server, directory, "none");
	}

	/**
	 * Starts a broker that requires a client certificate from {@code ca}. Its own
	 * certificate may authenticate a client too: Kafka checks at startup that it could
	 * connect to itself with the listener's settings.
	 */
	public static TlsKafkaBroker startMutual(TestCertificates.Authority ca, Path directory) {
		return start(ca.issue(TestCertificates.Spec.server("localhost").alsoClient()), directory, "required");
	}

	private static TlsKafkaBroker start(TestCertificates.Issued server, Path directory, String clientAuth) {
		Path keyStore = server.writePkcs12(directory, "kafka-broker", PASSWORD);
		Path issuer = TestCertificates.writePem(directory.resolve("kafka-broker-issuer.crt"),
				server.chain().get(server.chain().size() - 1));
		EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1);
		broker.brokerProperties(Map.of("listener.security.protocol.map", "EXTERNAL:SSL,CONTROLLER:PLAINTEXT",
				"listener.name.external.ssl.keystore.type", "PKCS12", "listener.name.external.ssl.keystore.location",
				keyStore.toString(), "listener.name.external.ssl.keystore.password", PASSWORD,
				"listener.name.external.ssl.key.password", PASSWORD, "listener.name.external.ssl.truststore.type",
				"PEM", "listener.name.external.ssl.truststore.location", issuer.toString(),
				"listener.name.external.ssl.client.auth", clientAuth));
		// The broker publishes its address as a system property (by default
		// spring.kafka.bootstrap-servers), which
		// would configure Kafka in every application the suite starts later in this JVM.
		broker.brokerListProperty(BROKER_LIST_PROPERTY);
		broker.afterPropertiesSet();
		System.clearProperty(BROKER_LIST_PROPERTY);
		System.clearProperty(EmbeddedKafkaBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
		return new TlsKafkaBroker(broker, issuer);
	}

	/** The PEM of the CA that issued the broker's certificate. */
	public Path caCertificate() {
		return this.caCertificate;
	}

	/** {@code localhost:<port>}. */
	public String bootstrapServers() {
		return this.broker.getBrokersAsString();
	}

	public int port() {
		String servers = bootstrapServers();
		return Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
	}

	@Override
	public void close() {
		this.broker.destroy();
	}

}
