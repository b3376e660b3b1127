package io.securecomms.server.jetty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.server.X509PrincipalContract;
import io.securecomms.testsupport.ReactiveWhoAmISecurity;
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
 * WebFlux on Jetty with an allow-list: the client certificate Jetty verified and let in
 * is the request's principal (Jetty hands it to WebFlux through the servlet request), and
 * the HSTS header still comes once.
 */
class JettyReactiveX509PrincipalIntegrationTests extends X509PrincipalContract {

	@TempDir
	static Path directory;

	static ServerPki pki;

	static RunningApp app;

	@BeforeAll
	static void start() {
		pki = ServerPki.create(directory).withWorkloadClients();
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(List.of("secure.comms.server.client-auth=want",
				"secure.comms.server.allowed-clients=uri:spiffe://example.org/ns/ops/*,dns:exporter.ops.example.org",
				"secure.comms.server.hsts.max-age=400d", "secure.comms.server.hsts.include-subdomains=false"));
		app = RunningApp.startJettyReactive(List.of(ReactiveWhoAmISecurity.class), properties);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void servedByJetty() {
		assertThat(((WebServerApplicationContext) app.context()).getWebServer()).isInstanceOf(JettyWebServer.class);
	}

	@Override
	protected ServerPki pki() {
		return pki;
	}

	@Override
	protected int port() {
		return app.port();
	}

	@Override
	protected int unauthenticatedStatus() {
		return 401;
	}

	@Override
	protected String hstsHeader() {
		return "max-age=34560000";
	}

}
