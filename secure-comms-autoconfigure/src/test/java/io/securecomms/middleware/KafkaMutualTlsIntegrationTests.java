package io.securecomms.middleware;

import java.nio.file.Path;

import io.securecomms.testsupport.KafkaApps;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broker that requires a client certificate: the key store of Boot's
 * {@code spring.kafka.ssl.bundle} is the client's identity.
 */
class KafkaMutualTlsIntegrationTests {

	@TempDir
	static Path directory;

	private static TlsKafkaBroker broker;

	private static Path clientCertificate;

	@BeforeAll
	static void startBroker() {
		Authority ca = TestCertificates.rootCa("Kafka Test CA");
		broker = TlsKafkaBroker.startMutual(ca, directory);
		clientCertificate = ca.issue(Spec.client("orders-service")).writePem(directory, "orders-service");
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void theBundlesKeyStoreIsPresentedToTheBroker() throws Exception {
		try (ConfigurableApplicationContext app = KafkaApps.start(broker.caCertificate(), broker.bootstrapServers(),
				"spring.ssl.bundle.pem.kafka.keystore.certificate=file:" + clientCertificate,
				"spring.ssl.bundle.pem.kafka.keystore.private-key=file:" + directory.resolve("orders-service.key"))) {
			KafkaApps.send(app, "orders", "signed by orders-service");
			assertThat(KafkaApps.consumeOne(app, "orders")).isEqualTo("signed by orders-service");
			MiddlewareApp.awaitHandshake(app, "kafka", broker.bootstrapServers());
		}
	}

	@Test
	void withoutAClientCertificateTheBrokerRefusesAndItIsCounted() {
		try (ConfigurableApplicationContext app = KafkaApps.start(broker.caCertificate(), broker.bootstrapServers())) {
			KafkaApps.assertRefused(app, "Received fatal alert: bad_certificate", broker.bootstrapServers(),
					"client_cert_missing");
		}
	}

}
