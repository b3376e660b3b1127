package io.securecomms.server;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.HttpsClient;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.testsupport.TestApplication.HelloController;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsProbe;
import io.securecomms.testsupport.HalfHandshake;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own connector against real clients: openssl s_client offering exactly
 * what each test names, and the JDK HTTP client. The JVM's own TLS restrictions are
 * relaxed for this test run ({@code relaxed-java.security}), so each refusal is the
 * starter's.
 */
@ExtendWith(OutputCaptureExtension.class)
class TomcatTlsIntegrationTests {

	private static final String FAILURES = "secure.comms.tls.handshake.failures";

	private static final String HANDSHAKES = "secure.comms.tls.handshakes";

	@TempDir
	static Path directory;

	static ServerPki pki;

	static RunningApp app;

	static ActuatorMeters meters;

	@BeforeAll
	static void start() {
		pki = ServerPki.create(directory);
		pki.ca().issue(Spec.server("sni.test")).writePem(directory, "sni");
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(pki.bundle("sni", "sni"));
		properties.addAll(List.of("server.ssl.server-name-bundles[0].server-name=sni.test",
				"server.ssl.server-name-bundles[0].bundle=sni", "secure.comms.server.http-redirect-port=0"));
		app = RunningApp.start(properties);
		meters = new ActuatorMeters(pki.client(), "https://localhost:" + app.port());
	}

	@AfterAll
	static void stop() {
		app.close();
	}

	@Test
	void theJvmItselfWouldAllowLegacyTls() throws Exception {
		assertThat(Security.getProperty("jdk.tls.disabledAlgorithms")).isEmpty();
		// The JVM's own default context: while the application runs,
		// SSLContext.getDefault() is secure-comms'.
		SSLContext jvms = SSLContext.getInstance("Default");
		assertThat(jvms.getDefaultSSLParameters().getProtocols()).contains("TLSv1", "TLSv1.1");
		assertThat(jvms.getDefaultSSLParameters().getCipherSuites()).contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
				"TLS_RSA_WITH_AES_128_GCM_SHA256");
	}

	@Test
	void withoutTheStarterTheSameJvmAndTomcatAcceptCbc() {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("secure.comms.enabled=false");
		try (RunningApp baseline = RunningApp.start(properties)) {
			OpenSslClient.Result result = OpenSslClient.connect(baseline.port(), "-tls1_2", "-cipher",
					"ECDHE-RSA-AES128-SHA256:@SECLEVEL=0");
			assertThat(result.connected()).as(result.output()).isTrue();
		}
	}

	@ParameterizedTest(name = "{0} is refused as {2}")
	@CsvSource(delimiter = '|',
			textBlock = """
					TLS 1.0                       | -tls1 -cipher ALL:@SECLEVEL=0                                                  | protocol_version
					TLS 1.1                       | -tls1_1 -cipher ALL:@SECLEVEL=0                                                | protocol_version
					TLS 1.2 with only CBC suites  | -tls1_2 -cipher ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-SHA384:ECDHE-RSA-AES128-SHA256:@SECLEVEL=0 | no_common_cipher
					TLS 1.2 with only static RSA  | -tls1_2 -cipher AES128-GCM-SHA256:AES256-GCM-SHA384:AES128-SHA:@SECLEVEL=0     | no_common_cipher
					""")
	void weakOffersAreRefusedAndCountedOnce(String offer, String options, String reason, CapturedOutput output)
			throws Exception {
		Map<String, String> tags = Map.of("channel", "server", "direction", "inbound", "peer", "client", "reason",
				reason);
		double before = meters.count(FAILURES, tags);

		OpenSslClient.Result result = OpenSslClient.connect(app.port(), options.split(" "));

		assertThat(result.connected()).as(result.output()).isFalse();
		meters.awaitCount(FAILURES, tags, before + 1);
		assertThat(output).contains("TLS handshake failed: channel=server, direction=inbound, reason=" + reason)
			.containsPattern("remote=127\\.0\\.0\\.1:\\d+");
	}

	@ParameterizedTest(name = "{0} is accepted")
	@CsvSource(delimiter = '|',
			textBlock = """
					TLS 1.2 ECDHE-AES-GCM | -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256                       | TLSv1.2 | ECDHE-RSA-AES128-GCM-SHA256 | TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
					TLS 1.3               | -tls1_3                                                           | TLSv1.3 | TLS_AES_256_GCM_SHA384      | TLS_AES_256_GCM_SHA384
					""")
	void strongOffersAreAcceptedAndTimed(String offer, String options, String protocol, String opensslCipher,
			String suite) throws Exception {
		Map<String, String> tags = Map.of("channel", "server", "direction", "inbound", "peer", "client", "protocol",
				protocol, "cipher.suite", suite);
		double before = meters.count(HANDSHAKES, tags);

		OpenSslClient.Result result = OpenSslClient.connect(app.port(), options.split(" "));

		assertThat(result.connected()).as(result.output()).isTrue();
		assertThat(result.protocol()).isEqualTo(protocol);
		assertThat(result.cipher()).isEqualTo(opensslCipher);
		meters.awaitCount(HANDSHAKES, tags, before + 1);
	}

	@ParameterizedTest(name = "{0}: the server picks the strongest suite of a weakest-first offer")
	@CsvSource(delimiter = '|',
			textBlock = """
					TLS 1.2 | -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES256-GCM-SHA384 | ECDHE-RSA-AES256-GCM-SHA384
					TLS 1.3 | -tls1_3 -ciphersuites TLS_AES_128_GCM_SHA256:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_256_GCM_SHA384     | TLS_AES_256_GCM_SHA384
					""")
	void serverOrderWins(String protocol, String options, String strongest) {
		OpenSslClient.Result result = OpenSslClient.connect(app.port(), options.split(" "));

		assertThat(result.connected()).as(result.output()).isTrue();
		assertThat(result.cipher()).isEqualTo(strongest);
	}

	@Test
	void sniHostsGetThePolicyToo() {
		OpenSslClient.Result strong = OpenSslClient.connect(app.port(), "-servername", "sni.test", "-tls1_3");
		OpenSslClient.Result cbc = OpenSslClient.connect(app.port(), "-servername", "sni.test", "-tls1_2", "-cipher",
				"ECDHE-RSA-AES128-SHA256:@SECLEVEL=0");

		assertThat(strong.connected()).isTrue();
		assertThat(strong.serverSubject()).contains("CN = sni.test");
		assertThat(cbc.connected()).as(cbc.output()).isFalse();
	}

	@Test
	void theRefusalSurvivesACertificateReload() {
		DefaultSslBundleRegistry registry = app.context().getBean(DefaultSslBundleRegistry.class);
		registry.updateBundle("server", registry.getBundle("server"));

		OpenSslClient.Result cbc = OpenSslClient.connect(app.port(), "-tls1_2", "-cipher",
				"ECDHE-RSA-AES128-SHA256:@SECLEVEL=0");
		OpenSslClient.Result tls11 = OpenSslClient.connect(app.port(), "-tls1_1", "-cipher", "ALL:@SECLEVEL=0");
		OpenSslClient.Result strong = OpenSslClient.connect(app.port(), "-tls1_2", "-cipher",
				"ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384");

		assertThat(cbc.connected()).as(cbc.output()).isFalse();
		assertThat(tls11.connected()).as(tls11.output()).isFalse();
		assertThat(strong.cipher()).isEqualTo("ECDHE-RSA-AES256-GCM-SHA384");
	}

	@Test
	void aCallerThatDistrustsOurCertificateIsCounted(CapturedOutput output) throws Exception {
		Map<String, String> tags = Map.of("channel", "server", "direction", "inbound", "peer", "client", "reason",
				"cert_untrusted");
		double before = meters.count(FAILURES, tags);
		TestCertificates.rootCa("someone else").writePem(directory, "other-ca");

		TlsProbe.Outcome outcome = HttpsClient.trusting(directory.resolve("other-ca.crt")).probe(app.port(), "/hello");

		assertThat(outcome.refused()).isTrue();
		assertThat(outcome.failure()).hasMessageContaining("PKIX path building failed");
		// The server records the failure on its own thread, possibly after the client has
		// given up.
		meters.awaitCount(FAILURES, tags, before + 1);
		assertThat(output).contains("reason=cert_untrusted", "Received fatal alert: certificate_unknown");
	}

	@Test
	void aCallerThatHangsUpMidHandshakeIsCounted() throws Exception {
		Map<String, String> tags = Map.of("channel", "server", "direction", "inbound", "peer", "client", "reason",
				"connection_closed");
		double before = meters.count(FAILURES, tags);

		HalfHandshake.sendClientHelloAndHangUp(app.port());

		meters.awaitCount(FAILURES, tags, before + 1);
	}

	@Test
	void everyHttpsResponseCarriesOneHstsHeader() throws Exception {
		HttpsClient client = pki.client();
		for (String path : List.of("/hello", "/no-such-page")) {
			HttpResponse<String> response = client.get("https://localhost:" + app.port() + path);
			assertThat(response.headers().allValues("Strict-Transport-Security")).as(path)
				.containsExactly("max-age=63072000; includeSubDomains");
		}
	}

	@Test
	void plaintextPortOnlyRedirects() throws Exception {
		int callsBefore = HelloController.calls.get();
		HttpResponse<String> response = pki.client().get("http://localhost:" + app.redirectPort() + "/hello?name=x");

		assertThat(response.statusCode()).isEqualTo(308);
		assertThat(response.headers().firstValue("Location"))
			.hasValue("https://localhost:" + app.port() + "/hello?name=x");
		assertThat(response.body()).isEmpty();
		assertThat(response.headers().firstValue("Strict-Transport-Security")).isEmpty();
		assertThat(HelloController.calls.get()).isEqualTo(callsBefore);
	}

	@Test
	void theRedirectNeverFollowsAForeignHostHeader() throws Exception {
		String evil = plaintextRequest(app.redirectPort(), "evil.example", "/hello?name=x");
		String ip = plaintextRequest(app.redirectPort(), "127.0.0.1:" + app.redirectPort(), "/hello");

		assertThat(evil).startsWith("HTTP/1.1 308")
			.contains("Location: https://localhost:" + app.port() + "/hello?name=x\r\n")
			.doesNotContain("evil.example");
		assertThat(ip).contains("Location: https://127.0.0.1:" + app.port() + "/hello\r\n");
	}

	@Test
	void aConfiguredRedirectHostIsWhereUnknownHostsGo() throws Exception {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(List.of("secure.comms.server.http-redirect-port=0",
				"secure.comms.server.http-redirect-host=www.example.com"));
		try (RunningApp redirecting = RunningApp.start(properties)) {
			String evil = plaintextRequest(redirecting.redirectPort(), "evil.example", "/a?b=c");
			String own = plaintextRequest(redirecting.redirectPort(), "localhost", "/a");

			assertThat(evil).contains("Location: https://www.example.com:" + redirecting.port() + "/a?b=c\r\n");
			assertThat(own).contains("Location: https://localhost:" + redirecting.port() + "/a\r\n");
		}
	}

	/**
	 * One HTTP/1.1 request written by hand, so the test decides the Host header; the
	 * response head.
	 */
	private static String plaintextRequest(int port, String host, String target) throws Exception {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write(("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

}
