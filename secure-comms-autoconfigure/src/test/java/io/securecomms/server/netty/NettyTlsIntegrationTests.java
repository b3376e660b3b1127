package io.securecomms.server.netty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.server.ConnectorInventory;
import io.securecomms.server.ServerTlsContract;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application on Reactor Netty with the starter, against real clients: openssl
 * s_client offering exactly what each test names, and the JDK HTTP client. The same
 * guarantees as {@code TomcatTlsIntegrationTests}, on the same relaxed JVM
 * ({@code relaxed-java.security}), so each refusal is the starter's.
 */
class NettyTlsIntegrationTests extends ServerTlsContract {

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
		pki.ca().issue(Spec.server("sni.test")).writePem(directory, "sni");
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(pki.bundle("sni", "sni"));
		properties.addAll(List.of("server.ssl.server-name-bundles[0].server-name=sni.test",
				"server.ssl.server-name-bundles[0].bundle=sni"));
		properties.addAll(extra);
		app = RunningApp.startReactive(List.of(), properties);
		meters = new ActuatorMeters(pki.client(), "https://localhost:" + app.port());
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

	@Test
	void itIsReactorNettyThatServes() {
		assertThat(((WebServerApplicationContext) app.context()).getWebServer()).isInstanceOf(NettyWebServer.class);
	}

	@Test
	void sniHostsGetThePolicyToo() {
		assertSniHostGetsThePolicy("sni.test");
	}

	@Test
	void sniHostsKeepThePolicyAfterAReload() {
		DefaultSslBundleRegistry registry = app.context().getBean(DefaultSslBundleRegistry.class);
		registry.updateBundle("sni", registry.getBundle("sni"));

		OpenSslClient.Result sniCbc = OpenSslClient.connect(app.port(), "-servername", "sni.test", "-tls1_2", "-cipher",
				"ECDHE-RSA-AES128-SHA256:@SECLEVEL=0");
		OpenSslClient.Result sniStrong = OpenSslClient.connect(app.port(), "-servername", "sni.test", "-tls1_3");

		assertThat(sniCbc.connected()).as(sniCbc.output()).isFalse();
		assertThat(sniStrong.serverSubject()).contains("CN = sni.test");
	}

	@Test
	void thePostureListsTheNettyConnector() {
		assertThat(app.context().getBean(ConnectorInventory.class).connectors()).singleElement()
			.satisfies((connector) -> {
				assertThat(connector.server()).isEqualTo("server");
				assertThat(connector.port()).isEqualTo(app.port());
				assertThat(connector.type()).isEqualTo(ConnectorPosture.TLS);
				assertThat(connector.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
				assertThat(connector.clientAuth()).isEqualTo("none");
				assertThat(connector.hsts()).isTrue();
				assertThat(connector.webServer()).isEqualTo("netty");
			});
	}

}
