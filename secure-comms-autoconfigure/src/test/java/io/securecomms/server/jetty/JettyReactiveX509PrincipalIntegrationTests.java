package io.securecomms.server.jetty;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.HttpsClient;
import io.securecomms.testsupport.ReactiveWhoAmISecurity;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebFlux on Jetty with an allow-list: the client certificate Jetty verified and let in
 * is the request's principal (Jetty hands it to WebFlux through the servlet request), and
 * the HSTS header still comes once.
 */
class JettyReactiveX509PrincipalIntegrationTests {

	@TempDir
	static Path directory;

	static ServerPki pki;

	static RunningApp app;

	@BeforeAll
	static void start() {
		pki = ServerPki.create(directory);
		pki.ca()
			.issue(Spec.client("collector")
				.dnsName("collector.ops.example.org")
				.uri("spiffe://example.org/ns/ops/sa/collector"))
			.writePkcs12(directory, "spiffe", ServerPki.PASSWORD);
		pki.ca()
			.issue(Spec.client("exporter").dnsName("exporter.ops.example.org"))
			.writePkcs12(directory, "dns", ServerPki.PASSWORD);
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(List.of("secure.comms.server.client-auth=want",
				"secure.comms.server.allowed-clients=uri:spiffe://example.org/ns/ops/*,dns:exporter.ops.example.org",
				"secure.comms.server.hsts.max-age=400d", "secure.comms.server.hsts.include-subdomains=false"));
		app = RunningApp.startJettyReactive(List.of(ReactiveWhoAmISecurity.class), properties);
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void servedByJetty() {
		assertThat(((WebServerApplicationContext) app.context()).getWebServer()).isInstanceOf(JettyWebServer.class);
	}

	@Test
	void theSpiffeIdIsThePrincipal() throws Exception {
		assertThat(whoami(client("spiffe"))).isEqualTo("spiffe://example.org/ns/ops/sa/collector");
	}

	@Test
	void withoutASpiffeIdTheFirstDnsNameIsThePrincipal() throws Exception {
		assertThat(whoami(client("dns"))).isEqualTo("exporter.ops.example.org");
	}

	@Test
	void aCallerWithoutCertificateIsNotAuthenticated() throws Exception {
		HttpResponse<String> response = pki.client().get("https://localhost:" + app.port() + "/whoami");

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void oneHstsHeaderWithTheConfiguredValues() throws Exception {
		for (HttpsClient client : List.of(pki.client(), client("spiffe"))) {
			HttpResponse<String> response = client.get("https://localhost:" + app.port() + "/whoami");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as("Security's headers run")
				.hasValue("nosniff");
			assertThat(response.headers().allValues("Strict-Transport-Security")).containsExactly("max-age=34560000");
		}
	}

	private static String whoami(HttpsClient client) throws Exception {
		HttpResponse<String> response = client.get("https://localhost:" + app.port() + "/whoami");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	private static HttpsClient client(String name) {
		return HttpsClient.withClientCertificate(pki.caCertificate(), directory.resolve(name + ".p12"),
				ServerPki.PASSWORD);
	}

}
