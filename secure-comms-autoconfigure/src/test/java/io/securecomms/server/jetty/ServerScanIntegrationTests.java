package io.securecomms.server.jetty;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.server.NativeEngineAssumptions;
import io.securecomms.server.NativeTlsEngine;
import io.securecomms.test.Testssl;
import io.securecomms.test.TestsslVerdicts;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The external scan the sample's Tomcat passes, against a WebFlux application on Reactor
 * Netty (on the JDK's engines, and on the native one where its library loads), a servlet
 * application on Jetty and a WebFlux application on Jetty, each with the starter and
 * nothing else: only TLS 1.2 and 1.3, only forward-secret AEAD suites in the server's
 * order, HSTS for a year, no vulnerability, no compression, no client renegotiation. The
 * three scans run at once (the scanner mostly waits). Here, in the Jetty tests' run, Boot
 * would pick Jetty for WebFlux too: the Netty application leaves Jetty's reactive server
 * out.
 */
@TestInstance(Lifecycle.PER_CLASS)
@EnabledIf(value = "io.securecomms.test.Testssl#isOnThePath",
		disabledReason = "testssl (Debian package testssl.sh) is not on the PATH")
class ServerScanIntegrationTests extends TestsslVerdicts {

	private static final Path OUTPUT_DIR = Path.of("target", "testssl-servers").toAbsolutePath();

	private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(240);

	@TempDir
	static Path directory;

	private final List<RunningApp> apps = new ArrayList<>();

	private List<Testssl.Findings> scans;

	@BeforeAll
	void scanEachServer() throws Exception {
		ServerPki pki = ServerPki.create(directory);
		List<String> nettyProperties = new ArrayList<>(pki.serverSsl());
		nettyProperties.add("spring.autoconfigure.exclude="
				+ "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration");
		RunningApp netty = start(RunningApp.startReactive(List.of(), nettyProperties));
		List<String> nettyNativeProperties = new ArrayList<>(nettyProperties);
		nettyNativeProperties.add(NativeEngineAssumptions.ON_NATIVE_ENGINE);
		RunningApp nettyNative = NativeTlsEngine.availability().library() != null
				? start(RunningApp.startReactive(List.of(), nettyNativeProperties)) : null;
		RunningApp jetty = start(RunningApp.startJetty(List.of(), pki.serverSsl()));
		RunningApp jettyWebFlux = start(RunningApp.startJettyReactive(List.of(), pki.serverSsl()));
		assertThat(webServer(netty)).isInstanceOf(NettyWebServer.class);
		assertThat(webServer(jetty)).isInstanceOf(JettyWebServer.class);
		assertThat(webServer(jettyWebFlux)).isInstanceOf(JettyWebServer.class);
		try (Testssl.Scanning nettyScan = scan("webflux-netty", netty);
				Testssl.Scanning jettyScan = scan("servlet-jetty", jetty);
				Testssl.Scanning jettyWebFluxScan = scan("webflux-jetty", jettyWebFlux);
				Testssl.Scanning nettyNativeScan = (nettyNative != null) ? scan("webflux-netty-openssl", nettyNative)
						: null) {
			List<Testssl.Findings> scans = new ArrayList<>(List.of(nettyScan.await(SCAN_TIMEOUT),
					jettyScan.await(SCAN_TIMEOUT), jettyWebFluxScan.await(SCAN_TIMEOUT)));
			if (nettyNativeScan != null) {
				scans.add(nettyNativeScan.await(SCAN_TIMEOUT));
			}
			this.scans = scans;
		}
	}

	@AfterAll
	void stop() {
		this.apps.forEach(RunningApp::close);
	}

	@Override
	protected List<Testssl.Findings> scans() {
		return this.scans;
	}

	private RunningApp start(RunningApp app) {
		this.apps.add(app);
		return app;
	}

	private static Object webServer(RunningApp app) {
		return ((WebServerApplicationContext) app.context()).getWebServer();
	}

	private static Testssl.Scanning scan(String name, RunningApp app) throws Exception {
		return Testssl.scan(name, "https://localhost:" + app.port() + "/hello", OUTPUT_DIR, List.of());
	}

}
