package io.securecomms.client;

import java.nio.file.Path;
import java.util.List;

import io.securecomms.testsupport.HttpClients;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import io.securecomms.trust.SpkiPins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pins judge the certification path that was validated, not the chain the server sent: a
 * server of the same CA cannot pass by sending the pinned certificate along with its own.
 */
class PinnedPathIntegrationTests {

	@TempDir
	static Path directory;

	static ConfigurableApplicationContext app;

	static TlsTestServer pinnedServer;

	static TlsTestServer appendingServer;

	static TlsTestServer intermediateServer;

	@BeforeAll
	static void start() {
		Authority ca = TestCertificates.rootCa("pinning CA");
		Authority intermediate = ca.intermediate("pinning intermediate");
		Issued pinned = ca.issue(Spec.server("localhost"));
		Issued other = ca.issue(Spec.server("localhost"));
		pinnedServer = TlsTestServer.presenting(pinned).start();
		// Its own leaf, valid for the host and from the trusted CA, then the pinned
		// certificate it cannot use.
		appendingServer = TlsTestServer
			.presenting(new Issued(other.certificate(), other.privateKey(),
					List.of(other.certificate(), pinned.certificate(), ca.certificate())))
			.start();
		intermediateServer = TlsTestServer.presenting(intermediate.issue(Spec.server("localhost", "127.0.0.1")))
			.start();
		ca.writePem(directory, "ca");
		app = new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"spring.ssl.bundle.pem.backends.truststore.certificate=file:" + directory.resolve("ca.crt"),
					"secure.comms.client.trust-bundle=backends",
					"secure.comms.client.pins=" + SpkiPins.pinOf(pinned.certificate()),
					"secure.comms.client.targets.partner.hosts=127.0.0.1",
					"secure.comms.client.targets.partner.pins=" + SpkiPins.pinOf(intermediate.certificate()))
			.run();
	}

	@AfterAll
	static void stop() {
		app.close();
		pinnedServer.close();
		appendingServer.close();
		intermediateServer.close();
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void thePinnedServerIsAccepted(HttpClients client) {
		assertThat(client.get(app, pinnedServer.url("/"))).isEqualTo("hello");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void anotherServerSendingThePinnedCertificateAlongIsRefusedAndCounted(HttpClients client) {
		OutboundHttpIntegrationTests.assertRefused(app, client, appendingServer.port(), "pin_mismatch",
				"only its validated path to a trusted certificate counts");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void aPinnedIntermediateOnTheValidatedPathIsAccepted(HttpClients client) {
		assertThat(client.get(app, "https://127.0.0.1:" + intermediateServer.port() + "/")).isEqualTo("hello");
	}

}
