package io.securecomms.actuate;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/securecomms} on a running application with a separate mTLS management
 * port, read the way an operator would: over HTTPS with a client certificate.
 */
class PostureEndpointIntegrationTests {

	@TempDir
	static Path directory;

	static ServerPki pki;

	@BeforeAll
	static void pki() {
		pki = ServerPki.create(directory);
	}

	@Test
	void aSoundConfigurationPassesEveryCheckThatApplies() throws Exception {
		try (RunningApp app = start("secure.comms.client.targets.pay.hosts=*.pay.internal",
				"secure.comms.client.targets.pay.server-identities=uri:spiffe://example.org/ns/pay/sa/api")) {
			JsonNode posture = posture(app);

			assertThat(posture.get("mode").asString()).isEqualTo("enforce");
			assertThat(posture.get("profile").asString()).isEqualTo("intermediate");
			assertThat(texts(posture.get("protocols"))).containsExactly("TLSv1.3", "TLSv1.2");
			assertThat(texts(posture.get("cipherSuites"))).startsWith("TLS_AES_256_GCM_SHA384");
			assertThat(posture.get("connectors").toString()).contains(
					"{\"server\":\"server\",\"port\":" + app.port() + ",\"type\":\"tls\"",
					"{\"server\":\"management\",\"port\":" + app.managementPort() + ",\"type\":\"tls\"",
					"\"clientAuth\":\"required\"",
					"{\"server\":\"server\",\"port\":" + app.redirectPort() + ",\"type\":\"redirect-only\"");
			assertThat(posture.get("certificates").toString()).contains("\"bundle\":\"server\",\"role\":\"presents\"",
					"CN=localhost", "\"role\":\"trusts\"", "CN=secure-comms test CA", "\"expiresSoon\":false");
			assertThat(posture.get("outboundTargets").get(0).get("trustBundle").asString()).isEqualTo("server");
			assertThat(posture.get("outboundTargets").get(0).get("serverIdentities")).isEmpty();
			assertThat(posture.get("outboundTargets").get(1).get("name").asString()).isEqualTo("pay");
			assertThat(texts(posture.get("outboundTargets").get(1).get("serverIdentities")))
				.containsExactly("uri:spiffe://example.org/ns/pay/sa/api");
			assertThat(posture.get("httpClients").get("covered").toString()).contains("builder beans");
			assertThat(posture.get("httpClients").get("notCovered").toString()).contains("created at call time",
					"RestClient.create()");
			assertThat(posture.get("dataSources").get(0).get("status").asString()).isEqualTo("in_process");
			assertThat(posture.get("libraries").toString()).contains("{\"name\":\"httpclient5\",\"version\":\"5.6.5\","
					+ "\"source\":\"pom.properties in httpclient5-5.6.5.jar\",\"status\":\"ok\",\"advisory\":\"\"}");
			assertThat(posture.get("violations")).isEmpty();
			for (JsonNode check : posture.get("checks")) {
				assertThat(check.get("status").asString()).as(check.toString()).isIn("pass", "not_applicable");
				assertThat(check.get("requirement").asString()).isNotBlank();
			}
			assertThat(requirements(posture)).contains("OWASP ASVS 5.0 V12.1.1", "OWASP ASVS 5.0 V12.1.2",
					"OWASP ASVS 5.0 V12.2.1", "OWASP ASVS 5.0 V12.3.1", "OWASP ASVS 5.0 V12.3.2",
					"OWASP ASVS 5.0 V12.3.4", "OWASP ASVS 5.0 V12.3.5", "OWASP ASVS 5.0 V12.1.4",
					"OWASP ASVS 5.0 V16.3.4", "OWASP ASVS 5.0 V15.2.1");
			assertThat(check(posture, "V12.3.5").get("status").asString()).isEqualTo("pass");
		}
	}

	@Test
	void reportModeShowsTheViolationTheFailingCheckAndTheLatestFailures() throws Exception {
		try (RunningApp app = start("secure.comms.mode=report", "secure.comms.client.revocation=off",
				"spring.datasource.url=jdbc:postgresql://db.example:5432/app?sslmode=require&password=hunter2")) {
			OpenSslClient.connect(app.port(), "-tls1_1");

			// The server records the refusal on its own thread, possibly after openssl
			// has exited.
			JsonNode posture = Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> posture(app), (report) -> !report.get("recentFailures").isEmpty());

			assertThat(posture.get("mode").asString()).isEqualTo("report");
			assertThat(posture.get("violations").toString()).contains(
					"\"property\":\"data source 'dataSource', URL parameter sslmode\"", "\"value\":\"require\"",
					"use sslmode=verify-full", "\"property\":\"secure.comms.jdbc.trust-bundle\"");
			assertThat(posture.get("dataSources").get(0).toString()).contains("\"name\":\"dataSource\"",
					"\"driver\":\"PostgreSQL (pgjdbc)\"", "\"host\":\"db.example:5432\"", "\"status\":\"weakened\"",
					"\"verification\":\"sslmode=require\"");
			assertThat(check(posture, "V12.2.1").get("status").asString()).isEqualTo("fail");
			assertThat(check(posture, "V12.3.2").get("detail").asString())
				.contains("data source 'dataSource' does not verify the server");
			assertThat(check(posture, "V12.1.4").get("status").asString()).isEqualTo("fail");
			assertThat(posture.get("recentFailures").get(0).toString()).contains("\"channel\":\"server\"",
					"\"direction\":\"inbound\"", "\"peer\":\"client\"", "\"reason\":\"protocol_version\"");
			assertThat(posture.toString()).doesNotContain("hunter2");
			assertThat(app.context()
				.getBean(io.micrometer.core.instrument.MeterRegistry.class)
				.get("secure.comms.policy.violations")
				.gauge()
				.value()).isEqualTo(2);
		}
	}

	private static RunningApp start(String... extra) {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(List.of("management.server.port=0", "secure.comms.server.http-redirect-port=0",
				"management.endpoints.web.exposure.include=health,securecomms",
				"secure.comms.client.trust-bundle=server"));
		properties.addAll(List.of(extra));
		return RunningApp.start(properties);
	}

	private static JsonNode posture(RunningApp app) throws Exception {
		HttpResponse<String> response = pki.clientWithCertificate()
			.get("https://localhost:" + app.managementPort() + "/actuator/securecomms");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

	private static List<String> texts(JsonNode array) {
		List<String> texts = new ArrayList<>();
		array.forEach((node) -> texts.add(node.asString()));
		return texts;
	}

	private static List<String> requirements(JsonNode posture) {
		List<String> requirements = new ArrayList<>();
		posture.get("checks").forEach((check) -> requirements.add(check.get("requirement").asString()));
		return requirements;
	}

	private static JsonNode check(JsonNode posture, String requirement) {
		for (JsonNode check : posture.get("checks")) {
			if (check.get("requirement").asString().endsWith(requirement)) {
				return check;
			}
		}
		throw new AssertionError("no check for " + requirement + " in " + posture.get("checks"));
	}

}
