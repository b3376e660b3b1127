package io.securecomms.server;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.HttpsClient;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.test.TestCertificates;
import io.securecomms.testsupport.TlsProbe;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A separate management port: it inherits {@code server.ssl}, gets the same policy and
 * requires a client certificate by default.
 */
class ManagementPortIntegrationTests {

	private static final String FAILURES = "secure.comms.tls.handshake.failures";

	@TempDir
	static Path directory;

	static ServerPki pki;

	static RunningApp app;

	static ActuatorMeters meters;

	@BeforeAll
	static void start() {
		pki = ServerPki.create(directory);
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("management.server.port=0");
		app = RunningApp.start(properties);
		meters = new ActuatorMeters(pki.clientWithCertificate(), "https://localhost:" + app.managementPort());
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void servesHealthToACallerWithATrustedCertificate() throws Exception {
		HttpResponse<String> response = pki.clientWithCertificate()
			.get("https://localhost:" + app.managementPort() + "/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("UP");
		assertThat(response.headers().allValues("Strict-Transport-Security")).hasSize(1);
	}

	@Test
	void refusesACallerWithoutCertificate() throws Exception {
		Map<String, String> tags = failureTags("client_cert_missing");
		double before = meters.count(FAILURES, tags);

		TlsProbe.Outcome outcome = pki.client().probe(app.managementPort(), "/actuator/health");

		assertThat(outcome.refused()).as(String.valueOf(outcome.statusLine())).isTrue();
		// The server's alert, unless the client was still writing when the server closed
		// (a race in the client).
		assertThat(outcome.failure().getMessage()).containsAnyOf("bad_certificate", "Broken pipe", "Connection reset");
		meters.awaitCount(FAILURES, tags, before + 1);
	}

	@Test
	void refusesACallerWhoseCertificateComesFromAnotherCa() throws Exception {
		TestCertificates.rootCa("stranger CA")
			.issue(Spec.client("stranger"))
			.writePkcs12(directory, "stranger", ServerPki.PASSWORD);
		Map<String, String> tags = failureTags("client_cert_rejected");
		double before = meters.count(FAILURES, tags);

		HttpsClient stranger = HttpsClient.withClientCertificate(pki.caCertificate(), directory.resolve("stranger.p12"),
				ServerPki.PASSWORD);
		TlsProbe.Outcome outcome = stranger.probe(app.managementPort(), "/actuator/health");

		assertThat(outcome.refused()).as(String.valueOf(outcome.statusLine())).isTrue();
		assertThat(outcome.failure()).hasMessageContaining("certificate_unknown");
		meters.awaitCount(FAILURES, tags, before + 1);
	}

	@Test
	void appliesTheSamePolicy() throws Exception {
		Map<String, String> tags = failureTags("protocol_version");
		double before = meters.count(FAILURES, tags);

		OpenSslClient.Result result = OpenSslClient.connect(app.managementPort(), "-tls1_1", "-cipher",
				"ALL:@SECLEVEL=0");

		assertThat(result.connected()).isFalse();
		meters.awaitCount(FAILURES, tags, before + 1);
	}

	@Test
	void theApplicationPortDoesNotAskForClientCertificates() throws Exception {
		assertThat(pki.client().get("https://localhost:" + app.port() + "/hello").statusCode()).isEqualTo(200);
	}

	private static Map<String, String> failureTags(String reason) {
		return Map.of("channel", "management", "direction", "inbound", "peer", "client", "reason", reason);
	}

}
