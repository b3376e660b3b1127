package io.securecomms.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Starts the sample on random ports with a freshly generated development PKI, and talks to it as a real
 * client would: over TLS, trusting only the development CA.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.pki.dir=" + SampleApplicationTests.PKI_DIR, "secure.comms.server.http-redirect-port=0" })
class SampleApplicationTests {

	static final String PKI_DIR = "target/sample-app-tests-pki";

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	ServletWebServerApplicationContext context;

	@Autowired
	JsonMapper json;

	/** Runs before the application starts: every run generates its PKI anew. */
	@BeforeAll
	static void deletePki() throws IOException {
		Path dir = Path.of(PKI_DIR);
		if (Files.exists(dir)) {
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(file);
				}
			}
		}
	}

	@Test
	void helloAnswersOverTls13WithHsts() throws Exception {
		HttpResponse<String> response = send(client(trustingDevelopmentCa()), "https://localhost:" + this.port + "/api/hello");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Strict-Transport-Security")).hasValueSatisfying(
				(hsts) -> assertThat(hsts).contains("max-age="));
		JsonNode hello = this.json.readTree(response.body());
		assertThat(hello.get("message").asString()).isEqualTo("hello over TLS");
		assertThat(hello.get("protocol").asString()).isEqualTo("TLSv1.3");
		assertThat(hello.get("cipherSuite").asString()).isEqualTo("TLS_AES_256_GCM_SHA384");
	}

	@Test
	void plaintextPortOnlyRedirectsToHttps() throws Exception {
		HttpResponse<String> response = send(HttpClient.newHttpClient(),
				"http://localhost:" + redirectPort() + "/api/hello?name=x");

		assertThat(response.statusCode()).isEqualTo(308);
		assertThat(response.headers().firstValue("Location"))
			.hasValue("https://localhost:" + this.port + "/api/hello?name=x");
		assertThat(response.body()).isEmpty();
	}

	@Test
	void managementPortAnswersCallersWithTheClientCertificate() throws Exception {
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(clientKeyManagers(), trustingDevelopmentCa().getTrustManagers(), null);

		HttpResponse<String> response = send(client(tls), managementUrl("/actuator/health"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"status\":\"UP\"");
	}

	@Test
	void managementPortRefusesCallersWithoutClientCertificate() throws Exception {
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trustingDevelopmentCa().getTrustManagers(), null);

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> send(client(tls), managementUrl("/actuator/health")));
		assertThat(managementHandshakeFailures("client_cert_missing")).isGreaterThanOrEqualTo(1);
	}

	/** The refusal is counted on the starter's meter, which the (mTLS) metrics endpoint shows. */
	private double managementHandshakeFailures(String reason) throws Exception {
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(clientKeyManagers(), trustingDevelopmentCa().getTrustManagers(), null);
		String url = managementUrl("/actuator/metrics/secure.comms.tls.handshake.failures?tag=channel:management&tag=reason:"
				+ reason);
		long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
		HttpResponse<String> response = send(client(tls), url);
		while (response.statusCode() == 404 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			response = send(client(tls), url);
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body()).get("measurements").get(0).get("value").asDouble();
	}

	private int redirectPort() {
		Connector[] connectors = ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getService()
			.findConnectors();
		return Arrays.stream(connectors)
			.filter((connector) -> !connector.getSecure())
			.mapToInt(Connector::getLocalPort)
			.findFirst()
			.orElseThrow();
	}

	private String managementUrl(String path) {
		return "https://localhost:" + this.managementPort + path;
	}

	private static TrustManagerFactory trustingDevelopmentCa() throws Exception {
		KeyStore trust = KeyStore.getInstance("PKCS12");
		trust.load(null, null);
		try (InputStream in = Files.newInputStream(Path.of(PKI_DIR, DevelopmentPki.CA_CERTIFICATE))) {
			trust.setCertificateEntry("development-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		return factory;
	}

	private static javax.net.ssl.KeyManager[] clientKeyManagers() throws Exception {
		char[] password = DevelopmentPki.CLIENT_PKCS12_PASSWORD.toCharArray();
		KeyStore identity = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(Path.of(PKI_DIR, DevelopmentPki.CLIENT_PKCS12))) {
			identity.load(in, password);
		}
		KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		factory.init(identity, password);
		return factory.getKeyManagers();
	}

	private static HttpClient client(TrustManagerFactory trust) throws Exception {
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trust.getTrustManagers(), null);
		return client(tls);
	}

	private static HttpClient client(SSLContext tls) {
		return HttpClient.newBuilder()
			.sslContext(tls)
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build();
	}

	private static HttpResponse<String> send(HttpClient client, String url) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
