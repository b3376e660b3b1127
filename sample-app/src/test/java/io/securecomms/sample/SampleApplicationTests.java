package io.securecomms.sample;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import org.apache.catalina.connector.Connector;
import org.awaitility.Awaitility;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Starts the sample on random ports with a freshly generated development PKI, and talks
 * to it as a real client would: over TLS, trusting only the development CA.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.pki.dir=" + SampleApplicationTests.PKI_DIR, "secure.comms.server.http-redirect-port=0",
				"sample.partner.port=0", "sample.impostor.port=0", "sample.ocsp.port=0", "sample.crl.port=0" })
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

	@Autowired
	DevelopmentRevocation revocation;

	@Autowired
	RestClient.Builder restClient;

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
		HttpResponse<String> response = send(client(trustingDevelopmentCa()),
				"https://localhost:" + this.port + "/api/hello");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Strict-Transport-Security"))
			.hasValueSatisfying((hsts) -> assertThat(hsts).contains("max-age="));
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

		double before = handshakeFailures("management", "client_cert_missing");

		assertThatExceptionOfType(IOException.class)
			.isThrownBy(() -> send(client(tls), managementUrl("/actuator/health")));
		// The server records the refusal on its own thread, possibly after the client has
		// given up.
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(handshakeFailures("management", "client_cert_missing"))
				.isGreaterThanOrEqualTo(before + 1));
	}

	@Test
	void managementPortRefusesAValidCertificateItsAllowListDoesNotName() throws Exception {
		assumeThat(onThePath("curl")).as("curl on the PATH").isTrue();
		Path pki = Path.of(PKI_DIR).toAbsolutePath();
		double before = handshakeFailures("management", "client_cert_rejected");

		Process unlisted = curl(pki, DevelopmentPki.UNLISTED_CLIENT_CERTIFICATE, DevelopmentPki.UNLISTED_CLIENT_KEY);
		Process listed = curl(pki, DevelopmentPki.CLIENT_CERTIFICATE, DevelopmentPki.CLIENT_KEY);

		assertThat(unlisted.exitValue()).as("curl --cert unlisted-client.crt (a trusted certificate of the same CA)")
			.isNotZero();
		assertThat(listed.exitValue()).as("curl --cert client.crt").isZero();
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(handshakeFailures("management", "client_cert_rejected"))
				.isGreaterThanOrEqualTo(before + 1));
	}

	private Process curl(Path pki, String certificate, String key) throws Exception {
		Process process = new ProcessBuilder("curl", "-fsS", "--max-time", "10", "-o", "/dev/null", "--cacert",
				pki.resolve(DevelopmentPki.CA_CERTIFICATE).toString(), "--cert", pki.resolve(certificate).toString(),
				"--key", pki.resolve(key).toString(), managementUrl("/actuator/health"))
			.redirectErrorStream(true)
			.start();
		process.getInputStream().readAllBytes();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return process;
	}

	@Test
	void partnerIsCalledWithMutualTlsThroughRestClientAndWebClient() throws Exception {
		HttpResponse<String> response = send(client(trustingDevelopmentCa()),
				"https://localhost:" + this.port + "/api/partner");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode partner = this.json.readTree(response.body());
		for (String client : new String[] { "restClient", "webClient" }) {
			JsonNode answer = this.json.readTree(partner.get(client).asString());
			assertThat(answer.get("partner").asString()).isEqualTo("ok");
			assertThat(answer.get("caller").asString()).isEqualTo("CN=sample-client");
		}
	}

	@Test
	void notesAreWrittenAndReadOverVerifiedTlsToPostgres() throws Exception {
		HttpClient client = client(trustingDevelopmentCa());
		HttpRequest post = HttpRequest.newBuilder(URI.create("https://localhost:" + this.port + "/api/notes"))
			.POST(HttpRequest.BodyPublishers.ofString("remember TLS"))
			.header("Content-Type", "text/plain")
			.build();
		assertThat(client.send(post, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

		JsonNode notes = this.json.readTree(send(client, "https://localhost:" + this.port + "/api/notes").body());

		assertThat(notes.get("notes").toString()).contains("remember TLS");
		assertThat(notes.get("databaseTls").get("ssl").asBoolean()).isTrue();
		assertThat(notes.get("databaseTls").get("version").asString()).isIn("TLSv1.2", "TLSv1.3");
		assertThat(prometheus()).containsPattern(
				"secure_comms_tls_handshakes_seconds_count\\{[^}]*channel=\"jdbc\"[^}]*peer=\"dataSource\"");
	}

	@Test
	void peopleAreReadFromTheDirectoryOverLdaps() throws Exception {
		double before = handshakes("ldap");

		HttpResponse<String> response = send(client(trustingDevelopmentCa()),
				"https://localhost:" + this.port + "/api/people");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode people = this.json.readTree(response.body());
		assertThat(people.get("people").toString()).contains("Alice Archer", "Bob Baker", "Carol Cooper");
		// The handshake is recorded when the socket reports it ended, possibly on another
		// thread.
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(handshakes("ldap")).isGreaterThanOrEqualTo(before + 1));
		JsonNode posture = this.json
			.readTree(send(client(managementTls()), managementUrl("/actuator/securecomms")).body());
		assertThat(posture.get("middleware")).anySatisfy((connection) -> {
			assertThat(connection.get("channel").asString()).isEqualTo("ldap");
			assertThat(connection.get("status").asString()).isEqualTo("tls");
			assertThat(connection.get("hostnameVerified").asBoolean()).isTrue();
			assertThat(connection.get("hosts").toString()).contains("localhost:");
		});
	}

	@Test
	void theImpostorIsRefusedAndTheFailureCounted() throws Exception {
		double before = handshakeFailures("http-client", "cert_untrusted");

		HttpResponse<String> response = send(client(trustingDevelopmentCa()),
				"https://localhost:" + this.port + "/api/impostor");

		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.body()).contains("is not trusted", "impostor.localhost");
		assertThat(handshakeFailures("http-client", "cert_untrusted")).isEqualTo(before + 1);
		assertThat(prometheus()).containsPattern(
				"secure_comms_tls_handshake_failures_total\\{[^}]*channel=\"http-client\"[^}]*reason=\"cert_untrusted\"");
	}

	@Test
	void postureReportShowsEveryChannel() throws Exception {
		JsonNode posture = this.json
			.readTree(send(client(managementTls()), managementUrl("/actuator/securecomms")).body());

		assertThat(posture.get("connectors").toString()).contains("\"type\":\"tls\"", "\"type\":\"redirect-only\"",
				"\"clientAuth\":\"required\"");
		assertThat(posture.get("outboundTargets").toString()).contains("\"name\":\"partner\"",
				"\"identityBundle\":\"sample-client\"");
		assertThat(posture.get("dataSources").get(0).toString()).contains("\"driver\":\"PostgreSQL (pgjdbc)\"",
				"\"status\":\"upgraded\"", "\"verification\":\"sslmode=verify-full\"");
		assertThat(posture.get("certificates").toString()).contains("secure-comms sample development CA");
	}

	/**
	 * Revocation {@code hard-fail} on every channel, stapling on, the development CA's
	 * responder up: no check fails, V12.1.4 (revocation) included.
	 */
	@Test
	void postureReportPassesEveryCheck() throws Exception {
		JsonNode posture = this.json
			.readTree(send(client(managementTls()), managementUrl("/actuator/securecomms")).body());

		assertThat(posture.get("checks")).isNotEmpty()
			.allSatisfy((check) -> assertThat(check.get("status").asString()).as(check.toString()).isEqualTo("pass"));
		assertThat(posture.get("checks").toString()).contains("OWASP ASVS 5.0 V12.1.4");
		assertThat(posture.get("outboundTargets").toString()).doesNotContain("\"revocation\":\"off\"");
	}

	/**
	 * A server whose certificate the development CA signed, but which its responder never
	 * heard of (status {@code unknown}), is refused by the application's HTTP client:
	 * revocation {@code hard-fail}, asked of the development responder.
	 */
	@Test
	void aCertificateTheResponderDoesNotKnowIsRefused() throws Exception {
		DevelopmentPki pki = new DevelopmentPki(Path.of(PKI_DIR));
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair keys = generator.generateKeyPair();
		Instant now = Instant.now();
		X509Certificate stranger = new JcaX509CertificateConverter()
			.getCertificate(new JcaX509v3CertificateBuilder(pki.caCertificate().getSubjectX500Principal(),
					BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(3600)),
					Date.from(now.plusSeconds(86400)), new X500Principal("CN=stranger.localhost"), keys.getPublic())
				.addExtension(Extension.subjectAlternativeName, false,
						new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")))
				.addExtension(Extension.authorityInfoAccess, false,
						new AuthorityInformationAccess(AccessDescription.id_ad_ocsp,
								new GeneralName(GeneralName.uniformResourceIdentifier, this.revocation.ocspUrl())))
				.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pki.caKey())));
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("stranger", keys.getPrivate(), "stranger".toCharArray(),
				new java.security.cert.Certificate[] { stranger });
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(store, "stranger".toCharArray());
		SSLContext serverTls = SSLContext.getInstance("TLS");
		serverTls.init(keyManagers.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
		server.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		server.start();
		try {
			int asked = this.revocation.ocspRequests();
			RestClient client = this.restClient.build();

			assertThatExceptionOfType(RestClientException.class)
				.isThrownBy(() -> client.get()
					.uri("https://localhost:" + server.getAddress().getPort() + "/")
					.retrieve()
					.toBodilessEntity())
				.withMessageContaining("revocation");
			assertThat(this.revocation.ocspRequests()).isGreaterThan(asked);
		}
		finally {
			server.stop(0);
		}
	}

	/**
	 * The database's first connection, made while the application started, was checked
	 * with revocation {@code hard-fail}: the development responder (or its CRL) answered,
	 * or the application would not have started.
	 */
	@Test
	void theDevelopmentResponderIsAsked() throws Exception {
		send(client(trustingDevelopmentCa()), "https://localhost:" + this.port + "/api/people");

		assertThat(this.revocation.ocspRequests() + this.revocation.crlRequests()).isPositive();
	}

	@Test
	void bothPortsStapleAGoodOcspStatus() throws Exception {
		assumeThat(onThePath("openssl")).as("openssl on the PATH").isTrue();
		Path pki = Path.of(PKI_DIR).toAbsolutePath();
		String ca = pki.resolve(DevelopmentPki.CA_CERTIFICATE).toString();

		String application = openssl("s_client", "-connect", "localhost:" + this.port, "-status", "-CAfile", ca);
		String management = openssl("s_client", "-connect", "localhost:" + this.managementPort, "-status", "-CAfile",
				ca, "-cert", pki.resolve(DevelopmentPki.CLIENT_CERTIFICATE).toString(), "-key",
				pki.resolve(DevelopmentPki.CLIENT_KEY).toString());

		for (String output : List.of(application, management)) {
			assertThat(output).contains("OCSP Response Status: successful", "Cert Status: good",
					"Verify return code: 0 (ok)");
		}
	}

	@Test
	void responsesCarrySpringSecuritysHeadersAndHstsOnce() throws Exception {
		HttpResponse<String> api = send(client(trustingDevelopmentCa()),
				"https://localhost:" + this.port + "/api/hello");
		HttpResponse<String> management = send(client(managementTls()), managementUrl("/actuator/health"));

		for (HttpResponse<String> response : List.of(api, management)) {
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
			assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
			assertThat(response.headers().firstValue("Content-Security-Policy"))
				.hasValueSatisfying((csp) -> assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'"));
			assertThat(response.headers().allValues("Strict-Transport-Security")).singleElement()
				.asString()
				.startsWith("max-age=63072000");
		}
	}

	@Test
	void theDashboardsExpiryPanelReadsTheGaugeTheSampleExports() throws Exception {
		String dashboard = Files.readString(Path.of("grafana", "secure-comms-dashboard.json"));

		assertThat(dashboard).contains("ssl_chain_expiry_seconds{application=~");
		assertThat(prometheus()).containsPattern("ssl_chain_expiry_seconds\\{[^}]*bundle=\"server\"");
	}

	private static boolean onThePath(String command) {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.anyMatch((dir) -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
	}

	private static String openssl(String... arguments) throws Exception {
		List<String> command = new ArrayList<>(List.of("openssl"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
		return output;
	}

	private String prometheus() throws Exception {
		return send(client(managementTls()), managementUrl("/actuator/prometheus")).body();
	}

	private double handshakeFailures(String channel, String reason) throws Exception {
		String url = managementUrl("/actuator/metrics/secure.comms.tls.handshake.failures?tag=channel:" + channel
				+ "&tag=reason:" + reason);
		HttpResponse<String> response = send(client(managementTls()), url);
		return (response.statusCode() == 404) ? 0
				: this.json.readTree(response.body()).get("measurements").get(0).get("value").asDouble();
	}

	private double handshakes(String channel) throws Exception {
		HttpResponse<String> response = send(client(managementTls()),
				managementUrl("/actuator/metrics/secure.comms.tls.handshakes?tag=channel:" + channel));
		if (response.statusCode() == 404) {
			return 0;
		}
		for (JsonNode measurement : this.json.readTree(response.body()).get("measurements")) {
			if ("COUNT".equals(measurement.get("statistic").asString())) {
				return measurement.get("value").asDouble();
			}
		}
		return 0;
	}

	private static SSLContext managementTls() throws Exception {
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(clientKeyManagers(), trustingDevelopmentCa().getTrustManagers(), null);
		return tls;
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
			trust.setCertificateEntry("development-ca",
					CertificateFactory.getInstance("X.509").generateCertificate(in));
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
