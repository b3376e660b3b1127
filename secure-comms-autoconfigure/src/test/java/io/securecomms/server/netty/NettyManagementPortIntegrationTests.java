package io.securecomms.server.netty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.server.ManagementPortContract;
import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WebFlux application's separate management port (a reactive child context on its own
 * Reactor Netty server): it inherits {@code server.ssl}, gets the same policy and
 * requires a client certificate by default, as on Tomcat.
 */
class NettyManagementPortIntegrationTests extends ManagementPortContract {

	@TempDir
	static Path directory;

	static ServerPki pki;

	static RunningApp app;

	static ActuatorMeters meters;

	@BeforeAll
	static void start() {
		startWith(List.of());
	}

	/** Starts the application with {@code extra} properties besides this class's own. */
	static void startWith(List<String> extra) {
		pki = ServerPki.create(directory);
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("management.server.port=0");
		properties.addAll(extra);
		app = RunningApp.startReactive(List.of(), properties);
		meters = new ActuatorMeters(pki.clientWithCertificate(), "https://localhost:" + app.managementPort());
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
			app = null;
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
		return "netty";
	}

}
