package io.securecomms.server;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.HttpsClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.testsupport.TlsProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code secure.comms.management.allowed-clients} on a real mutual-TLS port (the
 * management port, which requires client certificates by default): callers allowed by
 * subject DN, SAN DNS name and SPIFFE URI get in, a certificate of the same CA that
 * matches none is refused in the handshake, counted as {@code client_cert_rejected} and
 * logged. Each web server runs it in a subclass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
public abstract class AllowedClientsIntegrationTests {

	private static final String FAILURES = "secure.comms.tls.handshake.failures";

	private static final String ALLOWED = "secure.comms.management.allowed-clients";

	Path directory;

	ServerPki pki;

	RunningApp app;

	ActuatorMeters meters;

	/** Starts the application on the web server under test. */
	protected abstract RunningApp start(List<String> properties);

	@BeforeAll
	void startApp() throws IOException {
		this.directory = Files.createTempDirectory("allowed-clients");
		this.pki = ServerPki.create(this.directory);
		this.pki.ca().issue(Spec.client("ops-dashboard")).writePkcs12(this.directory, "by-dn", ServerPki.PASSWORD);
		this.pki.ca()
			.issue(Spec.client("node-exporter").dnsName("exporter.ops.example.org"))
			.writePkcs12(this.directory, "by-dns", ServerPki.PASSWORD);
		this.pki.ca()
			.issue(Spec.client("collector").uri("spiffe://example.org/ns/ops/sa/collector"))
			.writePkcs12(this.directory, "by-uri", ServerPki.PASSWORD);
		this.pki.ca()
			.issue(Spec.client("intruder")
				.dnsName("intruder.dev.example.org")
				.uri("spiffe://example.org/ns/dev/sa/intruder"))
			.writePkcs12(this.directory, "intruder", ServerPki.PASSWORD);
		List<String> properties = new ArrayList<>(this.pki.serverSsl());
		properties.add("management.server.port=0");
		properties.add(ALLOWED + "[0]=dn:O=secure-comms tests,CN=ops-dashboard");
		properties.add(ALLOWED + "[1]=dns:*.ops.example.org");
		properties.add(ALLOWED + "[2]=uri:spiffe://example.org/ns/ops/*");
		this.app = start(properties);
		this.meters = new ActuatorMeters(client("by-dn"), managementUrl());
	}

	@AfterAll
	void stopApp() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Test
	void letsInACallerAllowedBySubjectDn() throws Exception {
		assertHealthy(client("by-dn"));
	}

	@Test
	void letsInACallerAllowedBySanDnsName() throws Exception {
		assertHealthy(client("by-dns"));
	}

	@Test
	void letsInACallerAllowedBySpiffeId() throws Exception {
		assertHealthy(client("by-uri"));
	}

	@Test
	void refusesATrustedCallerThatMatchesNoEntryInTheHandshake(CapturedOutput output) throws Exception {
		Map<String, String> tags = Map.of("channel", "management", "direction", "inbound", "peer", "client", "reason",
				"client_cert_rejected");
		double before = this.meters.count(FAILURES, tags);

		TlsProbe.Outcome outcome = client("intruder").probe(this.app.managementPort(), "/actuator/health");

		assertThat(outcome.refused()).as(String.valueOf(outcome.statusLine())).isTrue();
		// The server's alert, unless the client was still writing when the server closed
		// (a race in the client).
		assertThat(outcome.failure().getMessage()).containsAnyOf(refusals());
		this.meters.awaitCount(FAILURES, tags, before + 1);
		assertThat(output).contains("TLS handshake failed: channel=management", "reason=client_cert_rejected",
				"uri:spiffe://example.org/ns/dev/sa/intruder", "is trusted but not allowed by " + ALLOWED);
	}

	@Test
	void thePostureListsTheAllowListOfTheManagementPortOnly() {
		assertThat(this.app.context().getBean(ConnectorInventory.class).connectors())
			.extracting(ConnectorInventory.ConnectorPosture::server,
					ConnectorInventory.ConnectorPosture::allowedClients)
			.containsExactlyInAnyOrder(tuple("server", List.of()),
					tuple("management", List.of("dn:O=secure-comms tests,CN=ops-dashboard", "dns:*.ops.example.org",
							"uri:spiffe://example.org/ns/ops/*")));
	}

	@Test
	void aCallerWithoutCertificateIsStillRefused() {
		TlsProbe.Outcome outcome = this.pki.client().probe(this.app.managementPort(), "/actuator/health");

		assertThat(outcome.refused()).as(String.valueOf(outcome.statusLine())).isTrue();
	}

	/**
	 * What the refused client may read: the server's alert, unless the client was still
	 * writing when the server closed (a race in the client).
	 */
	protected String[] refusals() {
		return new String[] { "certificate_unknown", "bad_certificate", "Broken pipe", "Connection reset" };
	}

	private void assertHealthy(HttpsClient client) throws Exception {
		HttpResponse<String> response = client.get(managementUrl() + "/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("UP");
	}

	private String managementUrl() {
		return "https://localhost:" + this.app.managementPort();
	}

	private HttpsClient client(String name) {
		return HttpsClient.withClientCertificate(this.pki.caCertificate(), this.directory.resolve(name + ".p12"),
				ServerPki.PASSWORD);
	}

}
