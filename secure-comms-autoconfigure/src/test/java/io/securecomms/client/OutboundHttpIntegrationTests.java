package io.securecomms.client;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.securecomms.testsupport.HttpClients;
import io.securecomms.test.OcspResponder;
import io.securecomms.testsupport.OpenSslServer;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import io.securecomms.trust.SpkiPins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * RestClient, RestTemplate and WebClient from Spring's builders against real TLS servers
 * on loopback, each presenting what a test names. The JVM's own restrictions are relaxed
 * in this test run.
 */
class OutboundHttpIntegrationTests {

	static final String FAILURES = "secure.comms.tls.handshake.failures";

	static final String HANDSHAKES = "secure.comms.tls.handshakes";

	@TempDir
	static Path directory;

	static Authority ca;

	static OcspResponder ocsp;

	static final Map<String, TlsTestServer> servers = new HashMap<>();

	static final Map<String, OpenSslServer> opensslServers = new HashMap<>();

	static Issued partnerServer;

	static Issued silentOcspCertificate;

	static ConfigurableApplicationContext app;

	static ConfigurableApplicationContext pinned;

	static ConfigurableApplicationContext hardFail;

	@BeforeAll
	static void start() {
		ca = TestCertificates.rootCa("backend CA");
		ocsp = OcspResponder.start(ca);
		Authority stranger = TestCertificates.rootCa("stranger CA");
		Instant now = Instant.now();
		Issued selfSignedTrusted = TestCertificates.selfSigned(Spec.server("localhost"));
		Issued revoked = ca.issue(Spec.server("localhost").ocsp(ocsp.url()));
		ocsp.revoke(revoked.certificate());
		partnerServer = ca.issue(Spec.server("localhost", "127.0.0.1").ocsp(ocsp.url()));
		serve("good", TlsTestServer.presenting(partnerServer));
		serve("expired", TlsTestServer.presenting(ca
			.issue(Spec.server("localhost").valid(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1))))));
		serve("not-yet-valid", TlsTestServer.presenting(
				ca.issue(Spec.server("localhost").valid(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(60))))));
		serve("wrong-host", TlsTestServer.presenting(ca.issue(Spec.server("other.example"))));
		serve("self-signed", TlsTestServer.presenting(TestCertificates.selfSigned(Spec.server("localhost"))));
		serve("self-signed-trusted", TlsTestServer.presenting(selfSignedTrusted));
		serve("untrusted-root", TlsTestServer.presenting(stranger.issue(Spec.server("localhost"))));
		serve("revoked", TlsTestServer.presenting(revoked));
		silentOcspCertificate = ca.issue(Spec.server("localhost").ocsp("http://127.0.0.1:9/"));
		serve("ocsp-silent", TlsTestServer.presenting(silentOcspCertificate));
		serve("weak-key", TlsTestServer.presenting(ca.issue(Spec.server("localhost").rsa(1024))));
		ca.writePem(directory, "ca");
		partnerServer.writePem(directory, "partner-server");
		Path cert = directory.resolve("partner-server.crt");
		Path key = directory.resolve("partner-server.key");
		opensslServers.put("tls11", OpenSslServer.start(cert, key, "-tls1_1", "-cipher", "ALL:@SECLEVEL=0"));
		opensslServers.put("cbc", OpenSslServer.start(cert, key, "-tls1_2", "-cipher",
				"ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:@SECLEVEL=0"));
		opensslServers.put("mtls",
				OpenSslServer.start(cert, key, "-Verify", "1", "-CAfile", directory.resolve("ca.crt").toString()));
		TestCertificates.writePem(directory.resolve("trusted.crt"), ca.certificate(), selfSignedTrusted.certificate());
		ca.issue(Spec.client("partner-client")).writePem(directory, "client");

		List<String> common = List.of("spring.main.web-application-type=none", "spring.main.banner-mode=off",
				"spring.ssl.bundle.pem.backends.truststore.certificate=file:" + directory.resolve("trusted.crt"),
				"spring.ssl.bundle.pem.partner-client.keystore.certificate=file:" + directory.resolve("client.crt"),
				"spring.ssl.bundle.pem.partner-client.keystore.private-key=file:" + directory.resolve("client.key"),
				"secure.comms.client.trust-bundle=backends");
		app = start(common, "secure.comms.client.targets.partner.hosts=127.0.0.1",
				"secure.comms.client.targets.partner.identity-bundle=partner-client");
		pinned = start(common, "secure.comms.client.pins=" + SpkiPins.pinOf(stranger.certificate()),
				"secure.comms.client.targets.partner.hosts=127.0.0.1",
				"secure.comms.client.targets.partner.pins=" + SpkiPins.pinOf(partnerServer.certificate()));
		hardFail = start(common, "secure.comms.client.revocation=hard-fail");
	}

	@AfterAll
	static void stop() {
		app.close();
		pinned.close();
		hardFail.close();
		servers.values().forEach(TlsTestServer::close);
		opensslServers.values().forEach(OpenSslServer::close);
		ocsp.close();
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void goodChainIsAcceptedAndTimed(HttpClients client) {
		TlsTestServer server = servers.get("good");
		double before = handshakes(app, "localhost:" + server.port());

		assertThat(client.get(app, server.url("/"))).isEqualTo("hello");

		assertThat(handshakes(app, "localhost:" + server.port())).isEqualTo(before + 1);
		assertThat(ocsp.requests()).isPositive();
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void selfSignedCertificateNamedInTheTrustBundleIsAccepted(HttpClients client) {
		assertThat(client.get(app, servers.get("self-signed-trusted").url("/"))).isEqualTo("hello");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void expiredIsRefused(HttpClients client) {
		assertRefused(app, client, "expired", "cert_expired", "expired on");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void notYetValidIsRefused(HttpClients client) {
		assertRefused(app, client, "not-yet-valid", "cert_not_yet_valid", "is not valid before");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void wrongHostIsRefused(HttpClients client) {
		assertRefused(app, client, "wrong-host", "hostname_mismatch", "is not valid for host 'localhost'");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void untrustedSelfSignedIsRefused(HttpClients client) {
		assertRefused(app, client, "self-signed", "cert_untrusted", "is not trusted");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void untrustedRootIsRefused(HttpClients client) {
		assertRefused(app, client, "untrusted-root", "cert_untrusted", "issuer 'O=secure-comms tests,CN=stranger CA'");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void revokedIsRefusedInSoftAndHardFail(HttpClients client) {
		assertRefused(app, client, "revoked", "cert_revoked", "has been revoked");
		assertRefused(hardFail, client, "revoked", "cert_revoked", "has been revoked");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void silentOcspIsCountedInSoftFailAndRefusedInHardFail(HttpClients client) {
		// A server of its own, so that no earlier test's TLS session is resumed and the
		// chain is validated.
		try (TlsTestServer server = TlsTestServer.presenting(silentOcspCertificate).start()) {
			String peer = "localhost:" + server.port();

			assertThat(client.get(app, server.url("/"))).isEqualTo("hello");
			assertThat(failures(app, peer, "revocation_unknown")).isEqualTo(1);
		}
		assertRefused(hardFail, client, "ocsp-silent", "revocation_unknown", "could not be fetched");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void weakServerKeyIsRefused(HttpClients client) {
		assertRefused(app, client, "weak-key", "cert_untrusted", "RSA key of 1024 bits");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void tls11ServerIsRefused(HttpClients client) {
		assertRefusedBy(app, client, "tls11", "protocol_version", "protocol_version");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void cbcOnlyServerIsRefused(HttpClients client) {
		assertRefusedBy(app, client, "cbc", "no_common_cipher", "handshake_failure");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void mutualTlsWorksWithTheTargetsIdentityAndFailsWithout(HttpClients client) {
		OpenSslServer server = opensslServers.get("mtls");
		assertThat(client.get(app, "https://127.0.0.1:" + server.port() + "/")).contains("s_server");
		assertRefusedBy(app, client, "mtls", "client_cert_missing", "certificate_required");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void pinsDecidePerTarget(HttpClients client) {
		TlsTestServer server = servers.get("good");
		assertThat(client.get(pinned, "https://127.0.0.1:" + server.port() + "/")).isEqualTo("hello");
		assertRefused(pinned, client, "good", "pin_mismatch", "no certificate of the server's chain matches");
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void plaintextIsRefusedBeforeAnyByteIsSent(HttpClients client) {
		double before = plaintextRefusals(app, "example.invalid:80");

		assertThatException().isThrownBy(() -> client.get(app, "http://example.invalid/"))
			.withStackTraceContaining("refused a plaintext request to http://example.invalid")
			.withStackTraceContaining("secure.comms.client.allow-plaintext");

		assertThat(plaintextRefusals(app, "example.invalid:80")).isEqualTo(before + 1);
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void redirectToPlaintextIsRefused(HttpClients client) {
		TlsTestServer server = servers.get("good");
		double before = plaintextRefusals(app, "localhost:" + server.port());

		assertThatException().isThrownBy(() -> client.get(app, server.url("/to-http")))
			.withStackTraceContaining("refused a plaintext request to http://localhost:" + server.port());

		assertThat(plaintextRefusals(app, "localhost:" + server.port())).isEqualTo(before + 1);
	}

	private static void assertRefused(ConfigurableApplicationContext context, HttpClients client, String serverName,
			String reason, String because) {
		assertRefused(context, client, servers.get(serverName).port(), reason, because);
	}

	private static void assertRefusedBy(ConfigurableApplicationContext context, HttpClients client,
			String opensslServer, String reason, String because) {
		assertRefused(context, client, opensslServers.get(opensslServer).port(), reason, because);
	}

	/**
	 * Refused, saying {@code because}, and counted once on the client's meter
	 * ({@code peer=localhost:port}).
	 */
	static void assertRefused(ConfigurableApplicationContext context, HttpClients client, int port, String reason,
			String because) {
		String serverName = "localhost:" + port;
		String peer = serverName;
		String url = "https://" + serverName + "/";
		double before = failures(context, peer, reason);

		assertThatException().as(serverName)
			.isThrownBy(() -> client.get(context, url))
			.withStackTraceContaining(because);

		assertThat(failures(context, peer, reason)).as(serverName + " " + reason).isEqualTo(before + 1);
	}

	static double failures(ConfigurableApplicationContext context, String peer, String reason) {
		Counter counter = context.getBean(MeterRegistry.class)
			.find(FAILURES)
			.tags("channel", "http-client", "direction", "outbound", "peer", peer, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	static double handshakes(ConfigurableApplicationContext context, String peer) {
		return context.getBean(MeterRegistry.class)
			.find(HANDSHAKES)
			.tags("channel", "http-client", "peer", peer)
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	static double plaintextRefusals(ConfigurableApplicationContext context, String peer) {
		Counter counter = context.getBean(MeterRegistry.class)
			.find("secure.comms.plaintext.refused")
			.tags("channel", "http-client", "direction", "outbound", "peer", peer)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static void serve(String name, TlsTestServer.Builder server) {
		servers.put(name, server.start());
	}

	private static ConfigurableApplicationContext start(List<String> common, String... extra) {
		List<String> properties = new ArrayList<>(common);
		properties.addAll(List.of(extra));
		return new SpringApplicationBuilder(TestApplication.class).properties(properties.toArray(String[]::new)).run();
	}

}
