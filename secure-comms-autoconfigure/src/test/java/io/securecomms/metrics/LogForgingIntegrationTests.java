package io.securecomms.metrics;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.HttpClients;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A server whose certificate's common name holds a line break cannot forge a log line,
 * nor put one into the caller's exception or the posture report: the peer's text arrives
 * escaped everywhere.
 */
@ExtendWith(OutputCaptureExtension.class)
class LogForgingIntegrationTests {

	private static final String FORGED = "WARN forged line";

	private static final String ESCAPED = "evil\\n" + FORGED;

	@TempDir
	static Path directory;

	@Test
	void aControlCharacterInAPeersCertificateIsEscapedInTheLogTheExceptionAndThePosture(CapturedOutput output)
			throws Exception {
		ServerPki pki = ServerPki.create(directory);
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(List.of("management.endpoints.web.exposure.include=health,metrics,securecomms",
				"secure.comms.client.trust-bundle=server"));
		try (RunningApp app = RunningApp.start(properties);
				TlsTestServer evil = TlsTestServer
					.presenting(TestCertificates.selfSigned(Spec.server("localhost").commonName("evil\n" + FORGED)))
					.start()) {
			ActuatorMeters meters = new ActuatorMeters(pki.client(), "https://localhost:" + app.port());
			Map<String, String> tags = Map.of("channel", "http-client", "direction", "outbound", "peer",
					"localhost:" + evil.port(), "reason", "cert_untrusted");

			Throwable refused = catchThrowable(() -> HttpClients.REST_CLIENT.get(app.context(), evil.url("/")));

			assertThat(refused).as("refused").isNotNull();
			for (Throwable cause = refused; cause != null; cause = cause.getCause()) {
				assertThat(String.valueOf(cause.getMessage())).as(cause.getClass().getName())
					.doesNotContain("\n" + FORGED);
			}
			assertThat(refused).hasStackTraceContaining("is not trusted").hasStackTraceContaining(ESCAPED);
			assertThat(output.getOut().lines().filter((line) -> line.contains(FORGED))).singleElement()
				.satisfies((line) -> assertThat(line).contains("TLS handshake failed", "reason=cert_untrusted",
						"subject='O=secure-comms tests,CN=" + ESCAPED));
			assertThat(meters.count("secure.comms.tls.handshake.failures", tags)).isEqualTo(1);
			JsonNode failure = posture(pki, app).get("recentFailures").get(0);
			assertThat(failure.get("peer").asString()).isEqualTo("localhost:" + evil.port());
			assertThat(failure.get("message").asString()).contains(ESCAPED).doesNotContain("\n");
		}
	}

	private static JsonNode posture(ServerPki pki, RunningApp app) throws Exception {
		HttpResponse<String> response = pki.client().get("https://localhost:" + app.port() + "/actuator/securecomms");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonMapper.builder().build().readTree(response.body());
	}

}
