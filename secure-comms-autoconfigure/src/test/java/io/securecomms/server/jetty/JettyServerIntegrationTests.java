package io.securecomms.server.jetty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.server.ConnectorInventory;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.server.UncoveredWebServerCheck;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.reactive.JettyReactiveWebServerFactory;
import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Jetty applications, servlet and WebFlux, started as their authors would: without
 * {@code server.ssl} they stop with the message a Tomcat application gets; without the
 * starter Jetty accepts what the starter refuses; HTTP/2 keeps working on the policy.
 */
@ExtendWith(OutputCaptureExtension.class)
class JettyServerIntegrationTests {

	@TempDir
	static Path directory;

	static ServerPki pki;

	@BeforeAll
	static void certificates() {
		pki = ServerPki.create(directory);
	}

	@Test
	void jettyIsCoveredByTheStarter() {
		UncoveredWebServerCheck check = new UncoveredWebServerCheck(new PolicyViolations(Mode.ENFORCE), true);

		// Enforce mode would throw on a server it does not know.
		assertThatNoException().isThrownBy(() -> check.customize(new JettyServletWebServerFactory()));
		assertThatNoException().isThrownBy(() -> check.customize(new JettyReactiveWebServerFactory()));
	}

	@Test
	void withoutServerSslStartupStopsWithTheMessageTomcatUsersGet(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningApp.startJetty(List.of(), List.of("secure.comms.mode=enforce")));

		assertThat(output)
			.contains("APPLICATION FAILED TO START", "server.ssl.bundle = '(not set)'",
					"the server port would listen on plaintext HTTP", "define an SSL bundle under spring.ssl.bundle.*")
			.doesNotContain("does not cover Jetty");
	}

	@Test
	void aWebFluxApplicationOnJettyWithoutServerSslStopsToo(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> RunningApp.startJettyReactive(List.of(), List.of("secure.comms.mode=enforce")));

		assertThat(output).contains("APPLICATION FAILED TO START", "the server port would listen on plaintext HTTP");
	}

	@Test
	void aWeakServerCertificateStopsStartup(CapturedOutput output) {
		pki.ca().issue(Spec.server("localhost").rsa(1024)).writePem(directory, "weak-key");
		List<String> properties = new ArrayList<>(pki.bundle("server", "weak-key"));
		properties.add("server.ssl.bundle=server");

		assertThatException().isThrownBy(() -> RunningApp.startJetty(List.of(), properties).close());

		assertThat(output).contains("RSA key of 1024 bits (at least 2048 required)", "Issue a new certificate");
	}

	@Test
	void theNativeEngineIsRefusedWithTheWayOut(CapturedOutput output) {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("secure.comms.server.engine=openssl");

		assertThatException().isThrownBy(() -> RunningApp.startJetty(List.of(), properties).close());

		assertThat(output).contains("secure.comms.server.engine = 'openssl'",
				"the native TLS engine serves Tomcat and Reactor Netty; Jetty runs on the JDK's engines",
				"Set secure.comms.server.engine=jsse, or run the application on Tomcat or Reactor Netty");
	}

	@Test
	void reportModeRunsPlaintextWithTheViolationCounted() throws Exception {
		try (RunningApp app = RunningApp.startJetty(List.of(), List.of("secure.comms.mode=report"))) {
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + app.port() + "/hello")).build(),
						HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).as("report mode lets it run as it was written").isEqualTo(200);
			assertThat(app.context().getBean(PolicyViolations.class).reported()).singleElement()
				.satisfies((violation) -> assertThat(violation.problem())
					.isEqualTo("the server port would listen on plaintext HTTP"));
			assertThat(app.context().getBean(ConnectorInventory.class).connectors())
				.extracting(ConnectorPosture::type, ConnectorPosture::webServer)
				.containsExactly(tuple(ConnectorPosture.PLAINTEXT, "jetty"));
		}
	}

	@Test
	void aRedirectPortIsNotOfferedOnJettyAndSaysSo(CapturedOutput output) {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("secure.comms.server.http-redirect-port=0");

		assertThatException().isThrownBy(() -> RunningApp.startJetty(List.of(), properties).close());

		assertThat(output).contains("secure.comms.server.http-redirect-port = '0'", "not on Jetty",
				"Remove secure.comms.server.http-redirect-port");
	}

	@Test
	void withoutTheStarterTheSameJvmAndJettyAcceptCbcAndDhe() {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("secure.comms.enabled=false");
		try (RunningApp baseline = RunningApp.startJetty(List.of(), properties)) {
			OpenSslClient.Result cbc = OpenSslClient.connect(baseline.port(), "-tls1_2", "-cipher",
					"ECDHE-RSA-AES128-SHA256:@SECLEVEL=0");
			OpenSslClient.Result dhe = OpenSslClient.connect(baseline.port(), "-tls1_2", "-cipher",
					"DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0");

			// (Jetty's own defaults already refuse static RSA and SHA-1 suites.)
			assertThat(cbc.connected()).as(cbc.output()).isTrue();
			assertThat(dhe.connected()).as(dhe.output()).isTrue();
		}
	}

	@Test
	void http2IsNegotiatedOnThePolicyWithHsts() throws Exception {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("server.http2.enabled=true");
		try (RunningApp app = RunningApp.startJetty(List.of(), properties)) {
			HttpResponse<String> response = pki.client().get("https://localhost:" + app.port() + "/hello");
			OpenSslClient.Result cbc = OpenSslClient.connect(app.port(), "-tls1_2", "-cipher",
					"ECDHE-RSA-AES128-SHA256:@SECLEVEL=0");
			OpenSslClient.Result order = OpenSslClient.connect(app.port(), "-tls1_2", "-cipher",
					"ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384");

			assertThat(response.version()).as("ALPN chose h2").isEqualTo(HttpClient.Version.HTTP_2);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().allValues("Strict-Transport-Security"))
				.containsExactly("max-age=63072000; includeSubDomains");
			assertThat(cbc.connected()).as(cbc.output()).isFalse();
			assertThat(order.cipher()).as("the policy's order, not HTTP/2's comparator")
				.isEqualTo("ECDHE-RSA-AES256-GCM-SHA384");
		}
	}

	@Test
	void aWebFluxApplicationOnJettyIsHardenedAndCounted() throws Exception {
		try (RunningApp app = RunningApp.startJettyReactive(List.of(), pki.serverSsl())) {
			assertThat(((WebServerApplicationContext) app.context()).getWebServer()).isInstanceOf(JettyWebServer.class);
			ActuatorMeters meters = new ActuatorMeters(pki.client(), "https://localhost:" + app.port());
			Map<String, String> tags = Map.of("channel", "server", "direction", "inbound", "peer", "client", "reason",
					"no_common_cipher");
			double before = meters.count("secure.comms.tls.handshake.failures", tags);

			OpenSslClient.Result cbc = OpenSslClient.connect(app.port(), "-tls1_2", "-cipher",
					"ECDHE-RSA-AES128-SHA256:@SECLEVEL=0");
			HttpResponse<String> hello = pki.client().get("https://localhost:" + app.port() + "/hello");

			assertThat(cbc.connected()).as(cbc.output()).isFalse();
			meters.awaitCount("secure.comms.tls.handshake.failures", tags, before + 1);
			assertThat(hello.body()).isEqualTo("hello");
			assertThat(hello.headers().allValues("Strict-Transport-Security")).hasSize(1);
		}
	}

}
