package io.securecomms.server;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLSocket;

import io.securecomms.test.TestCertificates;
import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.HalfHandshake;
import io.securecomms.testsupport.HttpsClient;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.testsupport.TlsProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every web server the starter hardens must do on its application port, against real
 * clients: openssl s_client offering exactly what each test names, and the JDK HTTP
 * client. One subclass per server (Tomcat, Reactor Netty, Jetty) starts it with
 * {@code server.ssl} from {@link ServerPki}; the JVM's own TLS restrictions are relaxed
 * ({@code relaxed-java.security}), so each refusal is the starter's.
 */
@ExtendWith(OutputCaptureExtension.class)
public abstract class ServerTlsContract {

	protected static final String FAILURES = "secure.comms.tls.handshake.failures";

	protected static final String HANDSHAKES = "secure.comms.tls.handshakes";

	protected abstract RunningApp app();

	protected abstract ServerPki pki();

	protected abstract ActuatorMeters meters();

	@ParameterizedTest(name = "{0} is refused as {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					TLS 1.0                       | -tls1 -cipher ALL:@SECLEVEL=0                                                  | protocol_version
					TLS 1.1                       | -tls1_1 -cipher ALL:@SECLEVEL=0                                                | protocol_version
					TLS 1.2 with only CBC suites  | -tls1_2 -cipher ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA256:@SECLEVEL=0 | no_common_cipher
					TLS 1.2 with only static RSA  | -tls1_2 -cipher AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA:@SECLEVEL=0     | no_common_cipher
					TLS 1.2 with only DHE         | -tls1_2 -cipher DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0 | no_common_cipher
					""")
	void weakOffersAreRefusedAndCountedOnce(String offer, String options, String reason, CapturedOutput output)
			throws Exception {
		Map<String, String> tags = Map.of("channel", "server", "direction", "inbound", "peer", "client", "reason",
				reason);
		double before = meters().count(FAILURES, tags);

		OpenSslClient.Result result = OpenSslClient.connect(app().port(), options.split(" "));

		assertThat(result.connected()).as(result.output()).isFalse();
		meters().awaitCount(FAILURES, tags, before + 1);
		assertThat(output).contains("TLS handshake failed: channel=server, direction=inbound, reason=" + reason)
			.containsPattern("remote=127\\.0\\.0\\.1:\\d+");
	}

	@ParameterizedTest(name = "{0} is accepted")
	@CsvSource(delimiter = '|',
			textBlock = """
					TLS 1.2 ECDHE-AES-GCM | -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256 | TLSv1.2 | ECDHE-RSA-AES128-GCM-SHA256 | TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
					TLS 1.3               | -tls1_3                                     | TLSv1.3 | TLS_AES_256_GCM_SHA384      | TLS_AES_256_GCM_SHA384
					""")
	void strongOffersAreAcceptedAndTimed(String offer, String options, String protocol, String opensslCipher,
			String suite) throws Exception {
		Map<String, String> tags = Map.of("channel", "server", "direction", "inbound", "peer", "client", "protocol",
				protocol, "cipher.suite", suite);
		double before = meters().count(HANDSHAKES, tags);

		OpenSslClient.Result result = OpenSslClient.connect(app().port(), options.split(" "));

		assertThat(result.connected()).as(result.output()).isTrue();
		assertThat(result.protocol()).isEqualTo(protocol);
		assertThat(result.cipher()).isEqualTo(opensslCipher);
		meters().awaitCount(HANDSHAKES, tags, before + 1);
	}

	@ParameterizedTest(name = "{0}: the server picks the strongest suite of a weakest-first offer")
	@CsvSource(delimiter = '|',
			textBlock = """
					TLS 1.2 | -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384 | ECDHE-RSA-AES256-GCM-SHA384
					TLS 1.3 | -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384     | TLS_AES_256_GCM_SHA384
					""")
	void serverOrderWins(String protocol, String options, String strongest) {
		OpenSslClient.Result result = OpenSslClient.connect(app().port(), options.split(" "));

		assertThat(result.connected()).as(result.output()).isTrue();
		if (protocol.equals("TLS 1.3") && !enforcesTls13ServerOrder()) {
			// All three TLS 1.3 suites are the policy's; the client's first choice wins.
			assertThat(result.cipher()).isEqualTo("TLS_AES_128_GCM_SHA256");
		}
		else {
			assertThat(result.cipher()).isEqualTo(strongest);
		}
	}

	/**
	 * The certificate of an SNI host ({@code server.ssl.server-name-bundles}) is served
	 * on the policy like the default one.
	 */
	protected void assertSniHostGetsThePolicy(String serverName) {
		OpenSslClient.Result strong = OpenSslClient.connect(app().port(), "-servername", serverName, "-tls1_3");
		OpenSslClient.Result cbc = OpenSslClient.connect(app().port(), "-servername", serverName, "-tls1_2", "-cipher",
				"ECDHE-RSA-AES128-SHA256:@SECLEVEL=0");

		assertThat(strong.connected()).isTrue();
		assertThat(strong.serverSubject()).contains("CN = " + serverName);
		assertThat(cbc.connected()).as(cbc.output()).isFalse();
	}

	/**
	 * Whether the server's order of TLS 1.3 suites wins over the client's (BoringSSL lets
	 * the client choose among its three TLS 1.3 suites).
	 */
	protected boolean enforcesTls13ServerOrder() {
		return true;
	}

	/**
	 * How the server's engine words a caller's {@code certificate_unknown} alert.
	 */
	protected String certificateUnknownAlert() {
		return "Received fatal alert: certificate_unknown";
	}

	@Test
	void theRefusalSurvivesACertificateReload() throws Exception {
		DefaultSslBundleRegistry registry = app().context().getBean(DefaultSslBundleRegistry.class);
		registry.updateBundle("server", registry.getBundle("server"));

		OpenSslClient.Result cbc = OpenSslClient.connect(app().port(), "-tls1_2", "-cipher",
				"ECDHE-RSA-AES128-SHA256:@SECLEVEL=0");
		OpenSslClient.Result tls11 = OpenSslClient.connect(app().port(), "-tls1_1", "-cipher", "ALL:@SECLEVEL=0");
		OpenSslClient.Result strong = OpenSslClient.connect(app().port(), "-tls1_2", "-cipher",
				"ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384");

		assertThat(cbc.connected()).as(cbc.output()).isFalse();
		assertThat(tls11.connected()).as(tls11.output()).isFalse();
		assertThat(strong.cipher()).isEqualTo("ECDHE-RSA-AES256-GCM-SHA384");
		assertThat(pki().client().get("https://localhost:" + app().port() + "/hello").statusCode()).isEqualTo(200);
	}

	@Test
	void aCallerThatDistrustsOurCertificateIsCounted(CapturedOutput output) throws Exception {
		Map<String, String> tags = Map.of("channel", "server", "direction", "inbound", "peer", "client", "reason",
				"cert_untrusted");
		double before = meters().count(FAILURES, tags);
		TestCertificates.rootCa("someone else").writePem(pki().directory(), "other-ca");

		TlsProbe.Outcome outcome = HttpsClient.trusting(pki().directory().resolve("other-ca.crt"))
			.probe(app().port(), "/hello");

		assertThat(outcome.refused()).isTrue();
		assertThat(outcome.failure()).hasMessageContaining("PKIX path building failed");
		// The server records the failure on its own thread, possibly after the client has
		// given up.
		meters().awaitCount(FAILURES, tags, before + 1);
		assertThat(output).contains("reason=cert_untrusted", certificateUnknownAlert());
	}

	@Test
	void aCallerThatHangsUpMidHandshakeIsCounted() throws Exception {
		Map<String, String> tags = Map.of("channel", "server", "direction", "inbound", "peer", "client", "reason",
				"connection_closed");
		double before = meters().count(FAILURES, tags);

		HalfHandshake.sendClientHelloAndHangUp(app().port());

		meters().awaitCount(FAILURES, tags, before + 1);
	}

	@Test
	void aClientsRenegotiationIsRefused() throws Exception {
		try (SSLSocket socket = (SSLSocket) pki().client()
			.sslContext()
			.getSocketFactory()
			.createSocket("localhost", app().port())) {
			socket.setSoTimeout(10_000);
			socket.setEnabledProtocols(new String[] { "TLSv1.2" });
			socket.startHandshake();

			// A second handshake on a TLS 1.2 connection is the client asking to
			// renegotiate.
			String response;
			try {
				socket.startHandshake();
				socket.getOutputStream()
					.write("GET /hello HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
						.getBytes(StandardCharsets.US_ASCII));
				response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			}
			catch (IOException ex) {
				response = "closed: " + ex.getMessage();
			}

			assertThat(response).as("the connection is closed instead of renegotiated").doesNotContain("HTTP/1.1 200");
			// Closed at once, not left open until it idles out (which a scanner reads as
			// renegotiation accepted).
			assertThat(response).doesNotContain("timed out");
		}
	}

	@Test
	void everyHttpsResponseCarriesOneHstsHeader() throws Exception {
		for (String path : List.of("/hello", "/no-such-page")) {
			HttpResponse<String> response = pki().client().get("https://localhost:" + app().port() + path);
			assertThat(response.statusCode()).as(path).isEqualTo(path.equals("/hello") ? 200 : 404);
			assertThat(response.headers().allValues("Strict-Transport-Security")).as(path)
				.containsExactly("max-age=63072000; includeSubDomains");
		}
	}

}
