package io.securecomms.middleware;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.MongoClientSettings;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.internal.MongoClientImpl;
import com.mongodb.connection.SslSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.securecomms.middleware.MiddlewareConnections.Status;
import io.securecomms.testsupport.HandshakePeers;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.trust.PolicySslContext;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The MongoDB client Boot builds from {@code spring.mongodb.*}: its settings on the
 * policy, and its handshakes with a real TLS peer on loopback (no MongoDB server exists
 * here). The peer completes TLS and hangs up without speaking the MongoDB protocol, so
 * the driver always fails after TLS: the tests observe the handshake (the channel's
 * meters and the driver's error), never a query.
 */
@ExtendWith(OutputCaptureExtension.class)
class MongoTlsIntegrationTests {

	@RegisterExtension
	static final HandshakePeers peers = new HandshakePeers();

	@Test
	void theClientIsOnThePolicySslContextWithHostNamesVerified() {
		try (ConfigurableApplicationContext app = start(peers.trusted().port(), "", "ca")) {
			SslSettings ssl = settings(app).getSslSettings();

			assertThat(ssl.isEnabled()).isTrue();
			assertThat(ssl.isInvalidHostNameAllowed()).isFalse();
			assertThat(ssl.getContext()).isInstanceOf(PolicySslContext.class);
			assertThat(MiddlewareApp.connections(app, "mongodb")).singleElement().satisfies((entry) -> {
				assertThat(entry.status()).isEqualTo(Status.TLS);
				assertThat(entry.connection().hosts()).containsExactly("localhost:" + peers.trusted().port());
				assertThat(entry.connection().trustSource()).isEqualTo("mongo (spring.mongodb.ssl.bundle)");
				assertThat(entry.connection().hostnameVerified()).isTrue();
			});
		}
	}

	@Test
	void aTrustedPeersHandshakeIsTimedOnTheMongodbChannel() {
		int before = peers.trusted().handshakes();
		try (ConfigurableApplicationContext app = start(peers.trusted().port(), "", "ca")) {
			MiddlewareApp.awaitHandshake(app, "mongodb", "localhost:" + peers.trusted().port());

			assertThat(peers.trusted().handshakes()).isGreaterThan(before);
			// After TLS the peer hangs up instead of answering "hello": the driver fails,
			// but not in TLS.
			assertThatException().isThrownBy(() -> firstDatabaseName(app))
				.isInstanceOf(MongoTimeoutException.class)
				.withMessageNotContaining("SSLHandshakeException");
		}
	}

	@Test
	void anUntrustedPeerIsRefusedAndCounted(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(peers.trusted().port(), "", "stranger")) {
			assertThatException().isThrownBy(() -> firstDatabaseName(app))
				.isInstanceOf(MongoTimeoutException.class)
				.withMessageContaining("SSLHandshakeException");
			MiddlewareApp.awaitFailuresAndNoHandshake(app, "mongodb", "localhost:" + peers.trusted().port(),
					"cert_untrusted");
			assertThat(output).contains("channel=mongodb",
					"is not trusted: its CA is not in spring.mongodb.ssl.bundle");
		}
	}

	@Test
	void aPeerWhoseCertificateNamesAnotherHostIsRefusedAndCounted() {
		// A peer with a certificate for db.example, reached as localhost. Not 127.0.0.1
		// with a localhost
		// certificate: the driver sends the reverse-resolved name as SNI, and JSSE checks
		// the certificate against it.
		try (ConfigurableApplicationContext app = start(peers.otherHost().port(), "", "ca")) {
			assertThatException().isThrownBy(() -> firstDatabaseName(app))
				.isInstanceOf(MongoTimeoutException.class)
				.withMessageContaining("SSLHandshakeException");
			MiddlewareApp.awaitFailuresAndNoHandshake(app, "mongodb", "localhost:" + peers.otherHost().port(),
					"hostname_mismatch");
		}
	}

	@Test
	void aServerWithoutTlsIsCountedAsPlaintextRefused() {
		int port = peers.plaintext().port();
		try (ConfigurableApplicationContext app = start(port, "", "ca")) {
			assertThatException().isThrownBy(() -> firstDatabaseName(app))
				.isInstanceOf(MongoTimeoutException.class)
				.withMessageContaining("Unsupported or unrecognized SSL message");
			MiddlewareApp.awaitPlaintextRefused(app, "mongodb", "localhost:" + port);
			assertThat(MiddlewareApp.failures(app)).isZero();
		}
	}

	@Test
	void aPlaintextClientStopsStartupNamingBootsProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(peers.trusted().port(), "", null));

		assertThat(output).contains("APPLICATION FAILED TO START", "spring.mongodb.ssl.enabled",
				"without TLS: documents and credentials cross the network in clear", "Set spring.mongodb.ssl.bundle");
	}

	@Test
	void invalidHostNamesInTheUriStopStartupNamingTheUri(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> start(peers.trusted().port(), "&tls=true&tlsAllowInvalidHostnames=true", "ca"));

		assertThat(output).contains("APPLICATION FAILED TO START", "spring.mongodb.uri", "tlsAllowInvalidHostnames",
				"accepts a server certificate issued for another host name",
				"Remove tlsAllowInvalidHostnames from spring.mongodb.uri");
	}

	@Test
	void reportModeListsAPlaintextClientAndLeavesItAsConfigured(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(peers.trusted().port(), "", null, "secure.comms.mode=report")) {
			assertThat(settings(app).getSslSettings().isEnabled()).isFalse();
			assertThat(MiddlewareApp.connections(app, "mongodb")).singleElement().satisfies((entry) -> {
				assertThat(entry.status()).isEqualTo(Status.WEAKENED);
				assertThat(entry.connection().trustSource()).isEqualTo("none");
				assertThat(entry.weaknesses()).singleElement()
					.asString()
					.startsWith("spring.mongodb.ssl.enabled=false");
			});
			assertThat(MiddlewareApp.violations(app)).isPositive();
			assertThat(output).contains("spring.mongodb.ssl.enabled");
		}
	}

	@Test
	void plaintextAllowedForTheChannelIsShownNotSilent(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(peers.trusted().port(), "", null,
				"secure.comms.middleware.plaintext-allowed=mongodb")) {
			assertThat(MiddlewareApp.connections(app, "mongodb")).singleElement()
				.satisfies((entry) -> assertThat(entry.status()).isEqualTo(Status.PLAINTEXT_ALLOWED));
			assertThat(output).contains("secure-comms leaves mongodb client",
					"as secure.comms.middleware.plaintext-allowed allows");
		}
	}

	@Test
	void tlsFromTheUriTrustsTheMiddlewareBundle() {
		try (ConfigurableApplicationContext app = MiddlewareApp
			.startWithoutRevocation(List.of(uri(peers.trusted().port(), "&tls=true"),
					peers.trustStore("middleware", "ca"), "secure.comms.middleware.trust-bundle=middleware"))) {
			assertThat(settings(app).getSslSettings().getContext()).isInstanceOf(PolicySslContext.class);
			assertThat(MiddlewareApp.connections(app, "mongodb")).singleElement()
				.satisfies((entry) -> assertThat(entry.connection().trustSource())
					.isEqualTo("middleware (secure.comms.middleware.trust-bundle)"));
			MiddlewareApp.awaitHandshake(app, "mongodb", "localhost:" + peers.trusted().port());
		}
	}

	@Test
	void bootsUnconfiguredClientIsLeftAlone() {
		try (ConfigurableApplicationContext app = MiddlewareApp.startWithoutRevocation(List.of())) {
			MiddlewareApp.assertUnconfigured(app, "mongodb");
			assertThat(settings(app).getSslSettings().getContext()).isNull();
		}
	}

	/**
	 * @param trustedCa the CA file {@code spring.mongodb.ssl.bundle} trusts, or
	 * {@code null} for no bundle
	 */
	private static ConfigurableApplicationContext start(int port, String options, String trustedCa, String... more) {
		List<String> properties = new ArrayList<>(List.of(uri(port, options)));
		if (trustedCa != null) {
			properties.add(peers.trustStore("mongo", trustedCa));
			properties.add("spring.mongodb.ssl.bundle=mongo");
		}
		properties.addAll(List.of(more));
		return MiddlewareApp.startWithoutRevocation(properties);
	}

	private static String uri(int port, String options) {
		return "spring.mongodb.uri=mongodb://localhost:" + port + "/test?serverSelectionTimeoutMS=1500" + options;
	}

	private static MongoClientSettings settings(ConfigurableApplicationContext app) {
		return ((MongoClientImpl) app.getBean(MongoClient.class)).getSettings();
	}

	private static String firstDatabaseName(ConfigurableApplicationContext app) {
		return app.getBean(MongoClient.class).listDatabaseNames().first();
	}

}
