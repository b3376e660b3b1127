package io.securecomms.server.stapling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.actuate.SecureCommsEndpoint;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;

import io.securecomms.test.OcspResponder;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * {@code secure.comms.server.ocsp-stapling: true} proven with a non-Java client:
 * {@code openssl s_client -status} against the application port and the management port
 * (mutual TLS) of a real application on Tomcat, and the application ports of one on Jetty
 * and one on Reactor Netty, whose certificates name a real OCSP responder on loopback.
 * The JDK reads {@code jdk.tls.server.enableStatusRequestExtension} once per JVM, so
 * these tests run in a JVM of their own (the surefire execution {@code stapling}), where
 * the starter's environment post-processor is the only one to set it. Jetty's
 * auto-configuration is on this run's class path: the Tomcat and Netty applications leave
 * it out.
 * <p>
 * The JDK fetches its staples silently: the starter's own probe of each stapling
 * listener's responder ({@link StapleHealth}) is what logs and counts an outage, proven
 * here on the same servers (the output is captured from before they start).
 */
@ExtendWith(OutputCaptureExtension.class)
class OcspStaplingIntegrationTests {

	private static final String WITHOUT_JETTY = "spring.autoconfigure.exclude="
			+ "org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration,"
			+ "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration,"
			+ "org.springframework.boot.jetty.autoconfigure.actuate.web.server.JettyServletManagementContextAutoConfiguration,"
			+ "org.springframework.boot.jetty.autoconfigure.actuate.web.server.JettyReactiveManagementContextAutoConfiguration";

	@TempDir
	static Path directory;

	static OcspResponder responder;

	static Issued revokedServer;

	static RunningApp app;

	static RunningApp revokedApp;

	static RunningApp jetty;

	static RunningApp netty;

	static RunningApp responderDown;

	static OcspResponder ownResponder;

	static RunningApp callsItself;

	@BeforeAll
	static void start() {
		Authority ca = TestCertificates.rootCa("stapling test CA");
		ca.writePem(directory, "ca");
		responder = OcspResponder.start(ca);
		ca.issue(Spec.server("localhost", "127.0.0.1").ocsp(responder.url())).writePem(directory, "server");
		revokedServer = ca.issue(Spec.server("localhost", "127.0.0.1").ocsp(responder.url()));
		revokedServer.writePem(directory, "revoked");
		responder.revoke(revokedServer.certificate());
		ca.issue(Spec.client("ops")).writePem(directory, "client");
		// A responder that never answers: nothing listens on the discard port of
		// loopback.
		ca.issue(Spec.server("localhost", "127.0.0.1").ocsp("http://127.0.0.1:9/")).writePem(directory, "unanswered");
		app = RunningApp.start(List.of(), properties("server", "management.server.port=0", WITHOUT_JETTY,
				"management.endpoints.web.exposure.include=health,metrics,securecomms"));
		revokedApp = RunningApp.start(List.of(), properties("revoked", WITHOUT_JETTY));
		jetty = RunningApp.startJetty(List.of(), properties("server"));
		netty = RunningApp.startReactive(List.of(), properties("server", WITHOUT_JETTY));
		responderDown = RunningApp.start(List.of(), properties("unanswered", WITHOUT_JETTY));
		// Its own CA and responder, which the test stops: its clients check revocation in
		// hard-fail mode.
		Authority ownCa = TestCertificates.rootCa("stapled client test CA");
		ownResponder = OcspResponder.start(ownCa);
		ownCa.issue(Spec.server("localhost", "127.0.0.1").ocsp(ownResponder.url())).writePem(directory, "own");
		ownCa.writePem(directory, "own-ca");
		callsItself = RunningApp
			.start(List.of(),
					List.of("spring.ssl.bundle.pem.server.keystore.certificate=file:" + directory.resolve("own.crt"),
							"spring.ssl.bundle.pem.server.keystore.private-key=file:" + directory.resolve("own.key"),
							"spring.ssl.bundle.pem.server.truststore.certificate=file:"
									+ directory.resolve("own-ca.crt"),
							"server.ssl.bundle=server", "secure.comms.server.ocsp-stapling=true",
							"secure.comms.client.trust-bundle=server", "secure.comms.client.revocation=hard-fail",
							WITHOUT_JETTY));
	}

	@AfterAll
	static void stop() {
		for (AutoCloseable closeable : new AutoCloseable[] { app, revokedApp, jetty, netty, responderDown, callsItself,
				responder, ownResponder }) {
			try {
				if (closeable != null) {
					closeable.close();
				}
			}
			catch (Exception ex) {
				// the next one still closes
			}
		}
	}

	private static List<String> properties(String certificate, String... more) {
		String prefix = "spring.ssl.bundle.pem.server.";
		List<String> properties = new ArrayList<>(
				List.of(prefix + "keystore.certificate=file:" + directory.resolve(certificate + ".crt"),
						prefix + "keystore.private-key=file:" + directory.resolve(certificate + ".key"),
						prefix + "truststore.certificate=file:" + directory.resolve("ca.crt"),
						"server.ssl.bundle=server", "secure.comms.server.ocsp-stapling=true"));
		properties.addAll(List.of(more));
		return properties;
	}

	@Test
	void theApplicationPortStaplesAGoodStatus() {
		OpenSslClient.Result result = OpenSslClient.connect(app.port(), "-status", "-tls1_3", "-CAfile",
				directory.resolve("ca.crt").toString());

		assertThat(result.connected()).as(result.output()).isTrue();
		assertThat(result.output()).contains("OCSP Response Status: successful", "Cert Status: good")
			.doesNotContain("OCSP response: no response sent");
	}

	@Test
	void theManagementPortStaplesAGoodStatusToAClientWithACertificate() {
		OpenSslClient.Result result = OpenSslClient.connect(app.managementPort(), "-status", "-tls1_2", "-CAfile",
				directory.resolve("ca.crt").toString(), "-cert", directory.resolve("client.crt").toString(), "-key",
				directory.resolve("client.key").toString());

		assertThat(result.connected()).as(result.output()).isTrue();
		assertThat(result.output()).contains("OCSP Response Status: successful", "Cert Status: good");
	}

	@Test
	void jettyAndReactorNettyStapleAGoodStatusToo() {
		assertThat(((WebServerApplicationContext) jetty.context()).getWebServer()).isInstanceOf(JettyWebServer.class);
		assertThat(((WebServerApplicationContext) netty.context()).getWebServer()).isInstanceOf(NettyWebServer.class);
		for (RunningApp server : List.of(jetty, netty)) {
			OpenSslClient.Result result = OpenSslClient.connect(server.port(), "-status", "-tls1_3", "-CAfile",
					directory.resolve("ca.crt").toString());

			assertThat(result.connected()).as(result.output()).isTrue();
			assertThat(result.output()).contains("OCSP Response Status: successful", "Cert Status: good");
		}
	}

	@Test
	void aRevokedCertificatesStapleSaysRevoked() {
		OpenSslClient.Result result = OpenSslClient.connect(revokedApp.port(), "-status", "-tls1_3", "-CAfile",
				directory.resolve("ca.crt").toString());

		assertThat(result.output()).contains("OCSP Response Status: successful", "Cert Status: revoked");
	}

	@Test
	void aResponderThatIsDownMeansNoStapleNeverAFailedHandshake() {
		OpenSslClient.Result result = OpenSslClient.connect(responderDown.port(), "-status", "-tls1_3", "-CAfile",
				directory.resolve("ca.crt").toString());

		assertThat(result.connected()).as(result.output()).isTrue();
		assertThat(result.output()).contains("OCSP response: no response sent");
	}

	/**
	 * The starter's HTTP client, checking revocation in hard-fail mode, takes the status
	 * the server staples: with the responder gone, it still connects, which it could not
	 * if it had to ask the responder itself. The starter's probe of that responder, once
	 * stopped, logs the outage at WARN and counts it.
	 */
	@Test
	void aHardFailClientAcceptsTheStapledStatusWithoutAskingTheResponder(CapturedOutput output) {
		OpenSslClient.Result stapled = OpenSslClient.connect(callsItself.port(), "-status", "-tls1_3", "-CAfile",
				directory.resolve("own-ca.crt").toString());
		assertThat(stapled.output()).as("the server has its staple").contains("Cert Status: good");
		ownResponder.close();

		String body = callsItself.context()
			.getBean(RestClient.Builder.class)
			.build()
			.get()
			.uri("https://localhost:" + callsItself.port() + "/hello")
			.retrieve()
			.body(String.class);

		assertThat(body).isEqualTo("hello");
		// The starter's probe, run now rather than in half an hour, says so.
		assertThat(callsItself.context().getBean(StapleHealth.class).probeNow()).extracting(StapleOutcome::describe)
			.containsExactly("unavailable(unreachable)");
		assertThat(output).contains("No OCSP staple on the server port " + callsItself.port()
				+ " [reason unreachable]: the status of certificate 'O=secure-comms tests,CN=localhost' (serial",
				"cannot be had from OCSP responder " + ownResponder.url());
		assertThat(stapleFailures(callsItself, "server", "unreachable")).isEqualTo(1);
	}

	@Test
	void everyStaplingListenerIsProbedAndFoundGoodOnEveryServer(CapturedOutput output) {
		awaitStaple(app, "server", app.port(), "good");
		awaitStaple(app, "management", app.managementPort(), "good");
		awaitStaple(jetty, "server", jetty.port(), "good");
		awaitStaple(netty, "server", netty.port(), "good");

		for (RunningApp server : List.of(app, jetty, netty)) {
			assertThat(server.context().getBean(MeterRegistry.class).find(StapleFailureMeters.FAILURES).counters())
				.isEmpty();
		}
		assertThat(output).doesNotContain("No OCSP staple on the server port " + app.port() + " ",
				"No OCSP staple on the management port " + app.managementPort() + " ",
				"No OCSP staple on the server port " + jetty.port() + " ",
				"No OCSP staple on the server port " + netty.port() + " ");
		assertThat(app.context().getBean(SecureCommsEndpoint.class).posture().connectors())
			.filteredOn((connector) -> connector.port() == app.port() || connector.port() == app.managementPort())
			.extracting(ConnectorPosture::server, ConnectorPosture::staple)
			.containsExactlyInAnyOrder(tuple("server", "good"), tuple("management", "good"));
	}

	@Test
	void aResponderThatIsDownIsLoggedAndCountedWhileHandshakesGoOn(CapturedOutput output) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(stapleFailures(responderDown, "server", "unreachable")).isPositive());

		assertThat(output).contains(
				"No OCSP staple on the server port " + responderDown.port() + " [reason unreachable]",
				"cannot be had from OCSP responder http://127.0.0.1:9/",
				"Handshakes go on without a staple; clients that require one will fail.");
		OpenSslClient.Result result = OpenSslClient.connect(responderDown.port(), "-status", "-tls1_3", "-CAfile",
				directory.resolve("ca.crt").toString());
		assertThat(result.connected()).as(result.output()).isTrue();
	}

	@Test
	void aRevokedServerCertificateIsAnErrorAndCounted(CapturedOutput output) {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(stapleFailures(revokedApp, "server", "revoked")).isPositive());

		assertThat(output).contains("OCSP stapling on the server port " + revokedApp.port()
				+ ": the server's own certificate 'O=secure-comms tests,CN=localhost' (serial "
				+ revokedServer.certificate().getSerialNumber().toString(16) + ") is REVOKED");
	}

	private static void awaitStaple(RunningApp server, String listener, int port, String staple) {
		StapleHealth health = server.context().getBean(StapleHealth.class);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(health.latest(listener, port)).as(listener + " port " + port)
				.isNotNull()
				.extracting(StapleOutcome::describe)
				.isEqualTo(staple));
	}

	private static double stapleFailures(RunningApp server, String channel, String reason) {
		Counter counter = server.context()
			.getBean(MeterRegistry.class)
			.find(StapleFailureMeters.FAILURES)
			.tags("channel", channel, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Test
	void theServerAskedTheResponderItself() {
		assertThat(responder.requests()).as("status requests the servers sent to the responder").isPositive();
	}

}
