package io.securecomms.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;

import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Connectors an application adds itself ({@code addAdditionalConnectors}): a plaintext
 * one stops startup before it ever listens, or is reported and listed in report mode; a
 * TLS one gets the policy, the meters and HSTS, whatever protocols and ciphers its author
 * gave it. The JVM's own TLS restrictions are relaxed for the test run, so each refusal
 * is the starter's.
 */
@ExtendWith(OutputCaptureExtension.class)
class AdditionalConnectorsIntegrationTests {

	@TempDir
	static Path directory;

	static ServerPki pki;

	/**
	 * The port the plaintext connector asks for (a fixed one: the test must see that
	 * nothing listens there).
	 */
	static int plaintextPort;

	@BeforeAll
	static void pki() throws IOException {
		pki = ServerPki.create(directory);
		try (ServerSocket free = new ServerSocket(0)) {
			plaintextPort = free.getLocalPort();
		}
	}

	@Test
	void aPlaintextConnectorStopsStartupBeforeItListens(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningApp.start(List.of(PlaintextConnector.class), pki.serverSsl()));

		assertThat(output).contains("APPLICATION FAILED TO START",
				"additional Tomcat connector on port " + plaintextPort + " = 'http without TLS'",
				"would serve requests on plaintext, outside the TLS policy",
				"Give that connector TLS (SSLEnabled=true and an SSLHostConfig",
				"secure.comms.server.http-redirect-port", "secure.comms.server.require-tls=false");
		assertThatException().isThrownBy(() -> new Socket("127.0.0.1", plaintextPort).close())
			.isInstanceOf(ConnectException.class);
	}

	@Test
	void inReportModeAPlaintextConnectorIsReportedCountedAndListed(CapturedOutput output) {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("secure.comms.mode=report");
		try (RunningApp app = RunningApp.start(List.of(PlaintextConnector.class), properties)) {
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: "
					+ "additional Tomcat connector on port " + plaintextPort);
			assertThat(app.context().getBean(PolicyViolations.class).reported()).singleElement()
				.satisfies((violation) -> assertThat(violation.property()).contains(String.valueOf(plaintextPort)));
			assertThat(app.context().getBean(MeterRegistry.class).get("secure.comms.policy.violations").gauge().value())
				.isEqualTo(1);
			assertThat(app.context().getBean(ConnectorInventory.class).connectors())
				.extracting(ConnectorPosture::port, ConnectorPosture::type)
				.containsExactlyInAnyOrder(tuple(app.port(), ConnectorPosture.TLS),
						tuple(plaintextPort, ConnectorPosture.PLAINTEXT));
		}
	}

	@Test
	void anAdditionalTlsConnectorGetsThePolicyTheMetersAndHsts() throws Exception {
		try (RunningApp app = RunningApp.start(List.of(TlsConnector.class), pki.serverSsl())) {
			int extra = TlsConnector.connector.getLocalPort();
			ActuatorMeters meters = new ActuatorMeters(pki.client(), "https://localhost:" + app.port());
			Map<String, String> protocolVersion = failureTags("protocol_version");
			Map<String, String> noCommonCipher = failureTags("no_common_cipher");
			Map<String, String> tls13 = Map.of("channel", "server", "direction", "inbound", "peer", "client",
					"protocol", "TLSv1.3", "cipher.suite", "TLS_AES_256_GCM_SHA384");
			double tls11Before = meters.count(HANDSHAKE_FAILURES, protocolVersion);
			double cbcBefore = meters.count(HANDSHAKE_FAILURES, noCommonCipher);
			double goodBefore = meters.count(HANDSHAKES, tls13);

			OpenSslClient.Result tls11 = OpenSslClient.connect(extra, "-tls1_1", "-cipher", "ALL:@SECLEVEL=0");
			OpenSslClient.Result cbc = OpenSslClient.connect(extra, "-tls1_2", "-cipher",
					"ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES128-SHA256:@SECLEVEL=0");
			OpenSslClient.Result good = OpenSslClient.connect(extra, "-tls1_3");

			assertThat(tls11.connected()).as(tls11.output()).isFalse();
			assertThat(cbc.connected()).as(cbc.output()).isFalse();
			assertThat(good.connected()).as(good.output()).isTrue();
			assertThat(good.cipher()).isEqualTo("TLS_AES_256_GCM_SHA384");
			meters.awaitCount(HANDSHAKE_FAILURES, protocolVersion, tls11Before + 1);
			meters.awaitCount(HANDSHAKE_FAILURES, noCommonCipher, cbcBefore + 1);
			meters.awaitCount(HANDSHAKES, tls13, goodBefore + 1);
			HttpResponse<String> response = pki.client().get("https://localhost:" + extra + "/hello");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().allValues("Strict-Transport-Security")).hasSize(1);
			assertThat(app.context().getBean(ConnectorInventory.class).connectors())
				.filteredOn((connector) -> connector.port() == extra)
				.singleElement()
				.satisfies((connector) -> {
					assertThat(connector.type()).isEqualTo(ConnectorPosture.TLS);
					assertThat(connector.protocols()).containsExactly("TLSv1.3", "TLSv1.2");
					assertThat(connector.hsts()).isTrue();
				});
		}
	}

	private static final String HANDSHAKE_FAILURES = "secure.comms.tls.handshake.failures";

	private static final String HANDSHAKES = "secure.comms.tls.handshakes";

	private static Map<String, String> failureTags(String reason) {
		return Map.of("channel", "server", "direction", "inbound", "peer", "client", "reason", reason);
	}

	@Configuration(proxyBeanMethods = false)
	static class PlaintextConnector {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> plaintextConnector() {
			return (factory) -> {
				Connector connector = new Connector();
				connector.setPort(plaintextPort);
				factory.addAdditionalConnectors(connector);
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TlsConnector {

		static Connector connector;

		/**
		 * A second TLS port as its author wrote it: TLS 1.1 and every cipher Tomcat
		 * knows.
		 */
		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> tlsConnector() {
			return (factory) -> {
				Connector tls = new Connector();
				tls.setPort(0);
				tls.setProperty("SSLEnabled", "true");
				SSLHostConfig host = new SSLHostConfig();
				host.setProtocols("TLSv1.1+TLSv1.2+TLSv1.3");
				host.setCiphers("ALL");
				SSLHostConfigCertificate certificate = new SSLHostConfigCertificate(host,
						SSLHostConfigCertificate.Type.UNDEFINED);
				certificate.setCertificateFile(directory.resolve("server.crt").toString());
				certificate.setCertificateKeyFile(directory.resolve("server.key").toString());
				host.addCertificate(certificate);
				tls.addSslHostConfig(host);
				factory.addAdditionalConnectors(tls);
				connector = tls;
			};
		}

	}

}
