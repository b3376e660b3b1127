package io.securecomms.middleware;

import java.nio.file.Path;

import io.securecomms.testsupport.KafkaApps;
import io.securecomms.testsupport.TlsKafkaBroker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * A broker whose certificate, from the trusted CA, is for another host. It has a class
 * (and broker) of its own: Kafka names a broker reached by address after the address's
 * reverse lookup ({@code 127.0.0.1} is {@code localhost}), so the good broker cannot be
 * reached under a wrong name.
 */
class KafkaWrongHostIntegrationTests {

	@TempDir
	static Path directory;

	private static TlsKafkaBroker broker;

	@BeforeAll
	static void startBroker() {
		broker = TlsKafkaBroker.start(directory, "kafka.internal.example");
	}

	@AfterAll
	static void stopBroker() {
		broker.close();
	}

	@Test
	void aBrokerCertificateForAnotherHostIsRefusedAndCounted() {
		try (ConfigurableApplicationContext app = KafkaApps.start(broker.caCertificate(), broker.bootstrapServers())) {
			KafkaApps.assertRefused(app, "is not valid for host 'localhost'", broker.bootstrapServers(),
					"hostname_mismatch");
		}
	}

}
