package io.securecomms.server.jetty;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;

import io.securecomms.server.ConnectorInventory;
import io.securecomms.server.ServerTlsContract;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A servlet application on Jetty with the starter, against real clients: openssl s_client
 * offering exactly what each test names, and the JDK HTTP client. The same guarantees as
 * {@code TomcatTlsIntegrationTests} and {@code NettyTlsIntegrationTests}, on the same
 * relaxed JVM ({@code relaxed-java.security}), so each refusal is the starter's.
 */
class JettyTlsIntegrationTests extends ServerTlsContract {

	@TempDir
	static Path directory;

	static ServerPki pki;

	static RunningApp app;

	static ActuatorMeters meters;

	@BeforeAll
	static void start() {
		pki = ServerPki.create(directory);
		app = RunningApp.startJetty(List.of(), pki.serverSsl());
		meters = new ActuatorMeters(pki.client(), "https://localhost:" + app.port());
	}

	@AfterAll
	static void stop() {
		app.close();
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

	@Test
	void itIsJettyThatServes() {
		assertThat(((WebServerApplicationContext) app.context()).getWebServer()).isInstanceOf(JettyWebServer.class);
	}

	@Test
	void jettysOwnErrorResponsesCarryHstsToo() throws Exception {
		// Jetty refuses a malformed URI before any request customizer runs: its error
		// handler adds the header.
		HttpResponse<String> malformed = pki.client().get("https://localhost:" + app.port() + "/hello/%2e%2e/%00");

		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.headers().allValues("Strict-Transport-Security"))
			.containsExactly("max-age=63072000; includeSubDomains");
	}

	@Test
	void thePostureListsTheJettyConnector() {
		assertThat(app.context().getBean(ConnectorInventory.class).connectors()).singleElement()
			.satisfies((connector) -> {
				assertThat(connector.server()).isEqualTo("server");
				assertThat(connector.port()).isEqualTo(app.port());
				assertThat(connector.type()).isEqualTo(ConnectorPosture.TLS);
				assertThat(connector.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
				assertThat(connector.clientAuth()).isEqualTo("none");
				assertThat(connector.hsts()).isTrue();
				assertThat(connector.webServer()).isEqualTo("jetty");
			});
	}

}
