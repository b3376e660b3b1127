package io.securecomms.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The management port's mutual TLS on the native TLS engine
 * ({@code secure.comms.server.engine=openssl}, BoringSSL): the same contract as on the
 * JDK's engines. Skipped, saying why, where the native library does not load.
 */
class TomcatOpenSslManagementPortIntegrationTests extends ManagementPortContract {

	@TempDir
	static Path directory;

	static ServerPki pki;

	static RunningApp app;

	static ActuatorMeters meters;

	@BeforeAll
	static void start() {
		NativeTlsEngine.Availability availability = NativeTlsEngine.availability();
		assumeTrue(availability.library() != null, () -> "native TLS engine unavailable: " + availability.problem());
		pki = ServerPki.create(directory);
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(List.of("management.server.port=0", "secure.comms.server.engine=openssl"));
		app = RunningApp.start(properties);
		meters = new ActuatorMeters(pki.clientWithCertificate(), "https://localhost:" + app.managementPort());
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Override
	protected RunningApp app() {
		return app;
	}

	@Override
	protected ServerPki pki() {
		return pki;
	}

	@Override
	protected ActuatorMeters meters() {
		return meters;
	}

	@Override
	protected String webServer() {
		return "tomcat";
	}

	@Override
	protected String untrustedClientAlert() {
		return "unknown_ca";
	}

	@Test
	void thePostureNamesTheEngineOfBothConnectors() {
		assertThat(app.context().getBean(ConnectorInventory.class).connectors())
			.filteredOn((connector) -> connector.type().equals(ConnectorPosture.TLS))
			.extracting(ConnectorPosture::server, ConnectorPosture::engine)
			.containsExactlyInAnyOrder(tuple("server", "openssl"), tuple("management", "openssl"));
	}

}
