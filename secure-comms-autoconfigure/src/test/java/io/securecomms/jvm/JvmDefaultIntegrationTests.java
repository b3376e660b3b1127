package io.securecomms.jvm;

import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;

import io.securecomms.actuate.PostureReport;
import io.securecomms.actuate.SecureCommsEndpoint;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.test.OcspResponder;
import io.securecomms.testsupport.OpenSslServer;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The JVM's default SSL context while the application runs: the JDK {@code HttpClient}
 * with its defaults and a bare {@code HttpsURLConnection} trust only
 * {@code secure.comms.client.trust-bundle}, check the host name, revocation
 * ({@code hard-fail}, a real OCSP responder) and the policy's protocols and suites, and
 * every refusal is counted on {@code channel=jvm-default}. Closing the application puts
 * back what the JVM had.
 */
class JvmDefaultIntegrationTests {

	@TempDir
	static Path directory;

	static SSLContext before;

	static OcspResponder ocsp;

	static final Map<String, AutoCloseable> servers = new ConcurrentHashMap<>();

	static final Map<String, Integer> ports = new ConcurrentHashMap<>();

	static ConfigurableApplicationContext app;

	@BeforeAll
	static void start() throws Exception {
		before = SSLContext.getDefault();
		Authority ca = TestCertificates.rootCa("jvm-default CA");
		ocsp = OcspResponder.start(ca);
		Issued server = ca.issue(Spec.server("localhost", "127.0.0.1").ocsp(ocsp.url()));
		Issued revoked = ca.issue(Spec.server("localhost").ocsp(ocsp.url()));
		ocsp.revoke(revoked.certificate());
		serve("good", TlsTestServer.presenting(server).start());
		serve("untrusted",
				TlsTestServer.presenting(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")))
					.start());
		serve("wrong-host", TlsTestServer.presenting(ca.issue(Spec.server("other.example").ocsp(ocsp.url()))).start());
		serve("revoked", TlsTestServer.presenting(revoked).start());
		ca.writePem(directory, "ca");
		server.writePem(directory, "server");
		Path cert = directory.resolve("server.crt");
		Path key = directory.resolve("server.key");
		OpenSslServer tls11 = OpenSslServer.start(cert, key, "-tls1_1", "-cipher", "ALL:@SECLEVEL=0");
		servers.put("tls11", tls11);
		ports.put("tls11", tls11.port());
		OpenSslServer cbc = OpenSslServer.start(cert, key, "-tls1_2", "-cipher",
				"ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:@SECLEVEL=0");
		servers.put("cbc", cbc);
		ports.put("cbc", cbc.port());
		app = MiddlewareApp
			.start(List.of("spring.ssl.bundle.pem.backends.truststore.certificate=file:" + directory.resolve("ca.crt"),
					"secure.comms.client.trust-bundle=backends", "secure.comms.client.revocation=hard-fail",
					"management.endpoints.access.default=read-only", "management.endpoints.jmx.exposure.include=*",
					"spring.jmx.enabled=true"));
	}

	private static void serve(String name, TlsTestServer server) {
		servers.put(name, server);
		ports.put(name, server.port());
	}

	@AfterAll
	static void stop() throws Exception {
		app.close();
		for (AutoCloseable server : servers.values()) {
			server.close();
		}
		ocsp.close();
		assertThat(SSLContext.getDefault()).as("the JVM's default SSL context once the application closed")
			.isSameAs(before);
	}

	@ParameterizedTest
	@EnumSource
	void theGoodServerIsAcceptedAndItsHandshakeTimed(Client client) throws Exception {
		assertThat(client.get(url("good"))).startsWith("200 ");

		MiddlewareApp.awaitHandshake(app, "jvm-default", "localhost:" + ports.get("good"));
	}

	@ParameterizedTest
	@EnumSource
	void anUntrustedServerIsRefusedAndCounted(Client client) {
		assertRefused(client, "untrusted", "cert_untrusted", "its CA is not in secure.comms.client.trust-bundle");
	}

	@ParameterizedTest
	@EnumSource
	void aServerForAnotherHostIsRefusedAndCounted(Client client) {
		assertRefused(client, "wrong-host", "hostname_mismatch", "is not valid for host 'localhost'");
	}

	@ParameterizedTest
	@EnumSource
	void aRevokedCertificateIsRefusedAndCounted(Client client) {
		assertRefused(client, "revoked", "cert_revoked", "has been revoked");
	}

	@ParameterizedTest
	@EnumSource
	void aTls11OnlyServerIsRefusedAndCounted(Client client) {
		assertRefused(client, "tls11", "protocol_version", "protocol_version");
	}

	@ParameterizedTest
	@EnumSource
	void aCbcOnlyServerIsRefusedAndCounted(Client client) {
		assertRefused(client, "cbc", "no_common_cipher", "handshake_failure");
	}

	@Test
	void theJvmsSlotsHoldThePolicyWhileTheApplicationRuns() throws Exception {
		JvmDefault installed = app.getBean(JvmDefault.class);
		assertThat(SSLContext.getDefault()).isSameAs(installed.context());
		assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(installed.context().getSocketFactory());
		assertThat(HttpsURLConnection.getDefaultHostnameVerifier()).isInstanceOf(HostNameCheck.class);
		assertThat(SSLContext.getDefault().getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.3",
				"TLSv1.2");
		// Server sockets and server-mode engines still come from the context it replaced,
		// as they were.
		assertThat(SSLServerSocketFactory.getDefault()).isInstanceOf(before.getServerSocketFactory().getClass());
		SSLEngine server = SSLContext.getDefault().createSSLEngine();
		server.setUseClientMode(false);
		SSLEngine original = before.createSSLEngine();
		original.setUseClientMode(false);
		assertThat(server.getUseClientMode()).isFalse();
		assertThat(server.getEnabledProtocols()).containsExactly(original.getEnabledProtocols()).contains("TLSv1.1");
		assertThat(server.getEnabledCipherSuites()).containsExactly(original.getEnabledCipherSuites());
		SSLEngine client = SSLContext.getDefault().createSSLEngine("localhost", 443);
		client.setUseClientMode(true);
		assertThat(client.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
	}

	@Test
	void aSecondApplicationStacksAndClosingItPutsBackTheFirst() throws Exception {
		SSLContext first = SSLContext.getDefault();
		try (ConfigurableApplicationContext second = MiddlewareApp.start(List.of())) {
			assertThat(SSLContext.getDefault()).isSameAs(second.getBean(JvmDefault.class).context()).isNotSameAs(first);
		}
		assertThat(SSLContext.getDefault()).isSameAs(first);
		assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(first.getSocketFactory());
	}

	@Test
	void thePostureShowsTheJvmDefaultOnThePolicy() {
		PostureReport posture = app.getBean(SecureCommsEndpoint.class).posture();
		assertThat(posture.jvmDefault().status()).isEqualTo("installed");
		assertThat(posture.jvmDefault().trustSource()).isEqualTo("backends (secure.comms.client.trust-bundle)");
		assertThat(posture.jvmDefault().revocation()).isEqualTo("hard-fail");
		assertThat(posture.jvmDefault().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
		assertThat(posture.jvmDefault().notCovered()).contains("SSLContext.getInstance(\"TLS\")");
		assertThat(posture.checks()).filteredOn((check) -> check.title().contains("JVM default"))
			.singleElement()
			.satisfies((check) -> assertThat(check.status()).isEqualTo("pass"));
	}

	private static void assertRefused(Client client, String server, String reason, String why) {
		String peer = "localhost:" + ports.get(server);
		double counted = MiddlewareApp.failures(app, "jvm-default", peer, reason);

		Throwable refusal = catchThrowable(() -> client.get(url(server)));

		assertThat(refusal).as(server + " is refused").isNotNull();
		assertThat(messages(refusal)).as("why " + server + " is refused").contains(why);
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(MiddlewareApp.failures(app, "jvm-default", peer, reason))
				.as("secure.comms.tls.handshake.failures jvm-default " + peer + " " + reason)
				.isEqualTo(counted + 1));
	}

	private static String messages(Throwable failure) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			messages.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static String url(String server) {
		return "https://localhost:" + ports.get(server) + "/";
	}

	/**
	 * The two clients that take the JVM's defaults, each as code that sets nothing would
	 * use it.
	 */
	enum Client {

		JDK_HTTP_CLIENT {

			@Override
			String get(String url) throws Exception {
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
							HttpResponse.BodyHandlers.ofString());
				return response.statusCode() + " " + response.body();
			}

		},

		HTTPS_URL_CONNECTION {

			@Override
			String get(String url) throws Exception {
				HttpsURLConnection connection = (HttpsURLConnection) new URL(url).openConnection();
				connection.setConnectTimeout(10_000);
				connection.setReadTimeout(10_000);
				try (InputStream in = connection.getInputStream()) {
					return connection.getResponseCode() + " " + new String(in.readAllBytes(), StandardCharsets.UTF_8);
				}
			}

		};

		abstract String get(String url) throws Exception;

	}

}
