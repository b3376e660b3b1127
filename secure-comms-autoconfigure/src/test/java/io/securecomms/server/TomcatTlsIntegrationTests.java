package io.securecomms.server;

import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;

import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.testsupport.TestApplication.HelloController;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's own connector against real clients: openssl s_client offering exactly
 * what each test names, and the JDK HTTP client. The JVM's own TLS restrictions are
 * relaxed for this test run ({@code relaxed-java.security}), so each refusal is the
 * starter's.
 */
class TomcatTlsIntegrationTests extends ServerTlsContract {

	@TempDir
	static Path directory;

	static ServerPki pki;

	static RunningApp app;

	static ActuatorMeters meters;

	@BeforeAll
	static void start() {
		startWith(List.of());
	}

	/** Starts the application with {@code extra} properties besides this class's own. */
	static void startWith(List<String> extra) {
		pki = ServerPki.create(directory);
		pki.ca().issue(Spec.server("sni.test")).writePem(directory, "sni");
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(pki.bundle("sni", "sni"));
		properties.addAll(List.of("server.ssl.server-name-bundles[0].server-name=sni.test",
				"server.ssl.server-name-bundles[0].bundle=sni", "secure.comms.server.http-redirect-port=0"));
		properties.addAll(extra);
		app = RunningApp.start(properties);
		meters = new ActuatorMeters(pki.client(), "https://localhost:" + app.port());
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
			app = null;
		}
	}

	@Override
	protected RunningApp app() {
		return app;
	}

	@Override
	protected ServerPki pki() {
		return pki;
	}

	@Override
	protected ActuatorMeters meters() {
		return meters;
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

	@Test
	void sniHostsGetThePolicyToo() {
		assertSniHostGetsThePolicy("sni.test");
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
