package io.securecomms.middleware;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.transport.rest5_client.low_level.Request;
import co.elastic.clients.transport.rest5_client.low_level.Response;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Boot's Elasticsearch {@code Rest5Client} against a real HTTPS server on loopback: the
 * starter gives its HttpClient 5 the policy's TLS strategy, trusts only the bundle named
 * in {@code spring.elasticsearch.restclient.ssl.bundle}, checks the host name, counts
 * every handshake on {@code elasticsearch}, and stops startup on an {@code http://} URI.
 */
@ExtendWith(OutputCaptureExtension.class)
class ElasticsearchTlsIntegrationTests {

	@TempDir
	static Path directory;

	static TlsTestServer cluster;

	@BeforeAll
	static void cluster() {
		Authority ca = TestCertificates.rootCa("cluster CA");
		ca.writePem(directory, "ca");
		TestCertificates.rootCa("stranger CA").writePem(directory, "stranger");
		cluster = TlsTestServer.presenting(ca.issue(Spec.server("localhost"))).start();
	}

	@AfterAll
	static void stop() {
		cluster.close();
	}

	@Test
	void aClusterWithTheBundlesCaAnswersOverTlsAndTheHandshakeIsTimed() throws Exception {
		try (ConfigurableApplicationContext app = start("https://localhost:" + cluster.port(), "ca.crt")) {
			Response response = app.getBean(Rest5Client.class).performRequest(new Request("GET", "/"));

			assertThat(response.getStatusCode()).isEqualTo(200);
			assertThat(new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8))
				.isEqualTo("hello");
			MiddlewareApp.awaitHandshake(app, "elasticsearch", "localhost:" + cluster.port());
			assertThat(MiddlewareApp.failures(app)).isZero();
			assertThat(MiddlewareApp.onlyConnection(app)).satisfies((entry) -> {
				assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.TLS);
				assertThat(entry.connection().trustSource())
					.isEqualTo("cluster (spring.elasticsearch.restclient.ssl.bundle)");
				assertThat(entry.connection().hostnameVerified()).isTrue();
			});
		}
	}

	@Test
	void aClusterCertificateFromAnotherCaIsRefusedAndCounted() {
		try (ConfigurableApplicationContext app = start("https://localhost:" + cluster.port(), "stranger.crt")) {
			assertThatException()
				.isThrownBy(() -> app.getBean(Rest5Client.class).performRequest(new Request("GET", "/")))
				.withStackTraceContaining(
						"is not trusted: its CA is not in spring.elasticsearch.restclient.ssl.bundle");

			MiddlewareApp.awaitOneFailure(app, "elasticsearch", "localhost:" + cluster.port(), "cert_untrusted");
		}
	}

	@Test
	void aClusterCertificateForAnotherHostIsRefusedAndCounted() {
		// The certificate names localhost only, not 127.0.0.1.
		try (ConfigurableApplicationContext app = start("https://127.0.0.1:" + cluster.port(), "ca.crt")) {
			assertThatException()
				.isThrownBy(() -> app.getBean(Rest5Client.class).performRequest(new Request("GET", "/")))
				.withStackTraceContaining("is not valid for host '127.0.0.1'");

			MiddlewareApp.awaitOneFailure(app, "elasticsearch", "127.0.0.1:" + cluster.port(), "hostname_mismatch");
		}
	}

	@Test
	void anHttpUriStopsStartupNamingTheProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> MiddlewareApp
			.start(List.of("spring.elasticsearch.uris=http://user:secret@localhost:" + cluster.port())));

		assertThat(output)
			.contains(
					"spring.elasticsearch.uris = 'http://localhost:" + cluster.port()
							+ "': talks to Elasticsearch in plaintext",
					"use https:// in spring.elasticsearch.uris and name the cluster's CA in "
							+ "spring.elasticsearch.restclient.ssl.bundle")
			.doesNotContain("secret");
	}

	@Test
	void anHttpUriIsLeftAsConfiguredWhenPlaintextIsAllowedForTheChannel(CapturedOutput output) {
		try (ConfigurableApplicationContext app = MiddlewareApp
			.start(List.of("spring.elasticsearch.uris=http://localhost:" + cluster.port(),
					"secure.comms.middleware.plaintext-allowed=elasticsearch"))) {
			assertThat(output).contains("as secure.comms.middleware.plaintext-allowed allows");
			assertThat(MiddlewareApp.onlyConnection(app)).satisfies(
					(entry) -> assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.PLAINTEXT_ALLOWED));
		}
	}

	private static ConfigurableApplicationContext start(String uri, String trusted) {
		List<String> properties = new ArrayList<>(List.of("spring.elasticsearch.uris=" + uri,
				"spring.elasticsearch.restclient.ssl.bundle=cluster", "secure.comms.middleware.revocation=off",
				"spring.ssl.bundle.pem.cluster.truststore.certificate=file:" + directory.resolve(trusted)));
		return MiddlewareApp.start(properties);
	}

}
