package io.securecomms.server;

import java.net.http.HttpResponse;
import java.util.Map;

import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.HttpsClient;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What a separate management port must do on every web server the starter hardens: it
 * inherits {@code server.ssl}, gets the same policy and requires a client certificate by
 * default, while the application port does not. One subclass per server starts an
 * application with {@code management.server.port=0}.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class ManagementPortContract {

	private static final String FAILURES = "secure.comms.tls.handshake.failures";

	protected abstract RunningApp app();

	protected abstract ServerPki pki();

	/** Meters read over the management port, with the client certificate. */
	protected abstract ActuatorMeters meters();

	/**
	 * The posture's name of the web server: {@code tomcat}, {@code netty} or
	 * {@code jetty}.
	 */
	protected abstract String webServer();

	@Test
	void servesHealthToACallerWithATrustedCertificate() throws Exception {
		HttpResponse<String> response = pki().clientWithCertificate()
			.get("https://localhost:" + app().managementPort() + "/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("UP");
		assertThat(response.headers().allValues("Strict-Transport-Security")).hasSize(1);
	}

	@Test
	void refusesACallerWithoutCertificate(CapturedOutput output) throws Exception {
		Map<String, String> tags = failureTags("client_cert_missing");
		double before = meters().count(FAILURES, tags);

		TlsProbe.Outcome outcome = pki().client().probe(app().managementPort(), "/actuator/health");

		assertThat(outcome.refused()).as(String.valueOf(outcome.statusLine())).isTrue();
		// The server's alert, unless the client was still writing when the server closed
		// (a race in the client).
		assertThat(outcome.failure().getMessage()).containsAnyOf("bad_certificate", "certificate_required",
				"Broken pipe", "Connection reset");
		meters().awaitCount(FAILURES, tags, before + 1);
		// In the engine's own words: the port really runs on the engine the posture
		// names.
		assertThat(output).contains("channel=management, direction=inbound, reason=client_cert_missing",
				missingCertificateMessage());
	}

	@Test
	void refusesACallerWhoseCertificateComesFromAnotherCa() throws Exception {
		TestCertificates.rootCa("stranger CA")
			.issue(Spec.client("stranger"))
			.writePkcs12(pki().directory(), "stranger", ServerPki.PASSWORD);
		Map<String, String> tags = failureTags("client_cert_rejected");
		double before = meters().count(FAILURES, tags);

		HttpsClient stranger = HttpsClient.withClientCertificate(pki().caCertificate(),
				pki().directory().resolve("stranger.p12"), ServerPki.PASSWORD);
		TlsProbe.Outcome outcome = stranger.probe(app().managementPort(), "/actuator/health");

		assertThat(outcome.refused()).as(String.valueOf(outcome.statusLine())).isTrue();
		// A server that closes at once may leave the client failing to write before it
		// reads the alert.
		assertThat(outcome.failure().getMessage()).containsAnyOf(untrustedClientAlert(), "Broken pipe",
				"Connection reset");
		meters().awaitCount(FAILURES, tags, before + 1);
	}

	@Test
	void appliesTheSamePolicy() throws Exception {
		Map<String, String> tags = failureTags("protocol_version");
		double before = meters().count(FAILURES, tags);

		OpenSslClient.Result result = OpenSslClient.connect(app().managementPort(), "-tls1_1", "-cipher",
				"ALL:@SECLEVEL=0");

		assertThat(result.connected()).isFalse();
		meters().awaitCount(FAILURES, tags, before + 1);
	}

	@Test
	void theApplicationPortDoesNotAskForClientCertificates() throws Exception {
		assertThat(pki().client().get("https://localhost:" + app().port() + "/hello").statusCode()).isEqualTo(200);
	}

	@Test
	void thePostureListsBothConnectors() {
		assertThat(app().context().getBean(ConnectorInventory.class).connectors())
			.filteredOn((connector) -> connector.type().equals(ConnectorPosture.TLS))
			.extracting(ConnectorPosture::server, ConnectorPosture::port, ConnectorPosture::clientAuth,
					ConnectorPosture::hsts, ConnectorPosture::webServer)
			.containsExactlyInAnyOrder(tuple("server", app().port(), "none", true, webServer()),
					tuple("management", app().managementPort(), "required", true, webServer()));
	}

	/** The TLS engine the connectors run on, as the posture names it. */
	protected String engine() {
		return "jsse";
	}

	@Test
	void thePostureNamesTheEngineOfBothConnectors() {
		assertThat(app().context().getBean(ConnectorInventory.class).connectors())
			.filteredOn((connector) -> connector.type().equals(ConnectorPosture.TLS))
			.extracting(ConnectorPosture::server, ConnectorPosture::engine)
			.containsExactlyInAnyOrder(tuple("server", engine()), tuple("management", engine()));
	}

	/** How the engine says that the caller sent no certificate. */
	protected String missingCertificateMessage() {
		return "Empty client certificate chain";
	}

	/**
	 * The alert a caller whose certificate leads to no trusted CA receives: the JDK's
	 * engines send {@code certificate_unknown}, OpenSSL's {@code unknown_ca}.
	 */
	protected String untrustedClientAlert() {
		return "certificate_unknown";
	}

	private static Map<String, String> failureTags(String reason) {
		return Map.of("channel", "management", "direction", "inbound", "peer", "client", "reason", reason);
	}

}
