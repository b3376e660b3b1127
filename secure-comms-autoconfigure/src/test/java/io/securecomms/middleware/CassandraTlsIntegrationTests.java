package io.securecomms.middleware;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLEngine;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.session.ProgrammaticArguments;
import com.datastax.oss.driver.api.core.session.SessionBuilder;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;
import com.datastax.oss.driver.internal.core.metadata.DefaultEndPoint;
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
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The Cassandra session Boot builds from {@code spring.cassandra.*}: its builder on the
 * policy, and its handshakes with a real TLS peer on loopback (no Cassandra node exists
 * here). The peer completes TLS and hangs up without speaking the native protocol, so
 * building the session always fails after TLS: the tests observe the handshake (the
 * channel's meters and the driver's error), never a query.
 */
@ExtendWith(OutputCaptureExtension.class)
class CassandraTlsIntegrationTests {

	@RegisterExtension
	static final HandshakePeers peers = new HandshakePeers();

	@Test
	void theSessionBuilderUsesThePolicysEnginesWithHostNamesVerified() {
		try (ConfigurableApplicationContext app = start(peers.trusted().port(), "ca")) {
			SslEngineFactory factory = sslEngineFactory(app.getBean(CqlSessionBuilder.class));

			assertThat(factory).isInstanceOfSatisfying(PolicySslEngineFactory.class,
					(engines) -> assertThat(engines.context()).isInstanceOf(PolicySslContext.class));
			SSLEngine engine = factory.newSslEngine(new DefaultEndPoint(new InetSocketAddress("localhost", 9042)));
			assertThat(engine.getUseClientMode()).isTrue();
			assertThat(engine.getPeerHost()).isEqualTo("localhost");
			assertThat(engine.getSSLParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
			assertThat(MiddlewareApp.connections(app, "cassandra")).singleElement().satisfies((entry) -> {
				assertThat(entry.status()).isEqualTo(Status.TLS);
				assertThat(entry.connection().hosts()).containsExactly("localhost:" + peers.trusted().port());
				assertThat(entry.connection().trustSource()).isEqualTo("cassandra (spring.cassandra.ssl.bundle)");
				assertThat(entry.connection().hostnameVerified()).isTrue();
			});
		}
	}

	@Test
	void aTrustedNodesHandshakeIsTimedOnTheCassandraChannel() {
		int before = peers.trusted().handshakes();
		try (ConfigurableApplicationContext app = start(peers.trusted().port(), "ca")) {
			// After TLS the peer hangs up instead of answering OPTIONS: the session
			// fails, but not in TLS.
			assertThatException().isThrownBy(() -> app.getBean(CqlSession.class))
				.withStackTraceContaining("Could not reach any contact point")
				.withStackTraceContaining("OPTIONS")
				.satisfies((ex) -> assertThat(stackTrace(ex)).doesNotContain("SSLHandshakeException"));
			MiddlewareApp.awaitHandshake(app, "cassandra", "localhost:" + peers.trusted().port());
			assertThat(peers.trusted().handshakes()).isGreaterThan(before);
		}
	}

	@Test
	void anUntrustedNodeIsRefusedAndCounted(CapturedOutput output) {
		try (ConfigurableApplicationContext app = start(peers.trusted().port(), "stranger")) {
			assertThatException().isThrownBy(() -> app.getBean(CqlSession.class))
				.withStackTraceContaining("Could not reach any contact point")
				.withStackTraceContaining("SSLHandshakeException");
			MiddlewareApp.awaitFailuresAndNoHandshake(app, "cassandra", "localhost:" + peers.trusted().port(),
					"cert_untrusted");
			assertThat(output).contains("channel=cassandra",
					"is not trusted: its CA is not in spring.cassandra.ssl.bundle");
		}
	}

	@Test
	void aNodeWhoseCertificateNamesAnotherHostIsRefusedAndCounted() {
		try (ConfigurableApplicationContext app = start(peers.otherHost().port(), "ca")) {
			assertThatException().isThrownBy(() -> app.getBean(CqlSession.class))
				.withStackTraceContaining("SSLHandshakeException");
			MiddlewareApp.awaitFailuresAndNoHandshake(app, "cassandra", "localhost:" + peers.otherHost().port(),
					"hostname_mismatch");
		}
	}

	@Test
	void aNodeWithoutTlsIsRefusedAndCountedAsAClosedHandshake() {
		// The driver's Netty pipeline rejects the plaintext answer ("not an SSL/TLS
		// record") before the policy's
		// engine sees a byte of it, and closes the engine: the starter counts a handshake
		// closed by the peer, not
		// secure.comms.plaintext.refused (which the socket-based clients, MongoDB's among
		// them, reach).
		int port = peers.plaintext().port();
		try (ConfigurableApplicationContext app = start(port, "ca")) {
			assertThatException().isThrownBy(() -> app.getBean(CqlSession.class))
				.withStackTraceContaining("Could not reach any contact point")
				.withStackTraceContaining("not an SSL/TLS record");
			MiddlewareApp.awaitFailuresAndNoHandshake(app, "cassandra", "localhost:" + port, "connection_closed");
			assertThat(peers.plaintext().connections()).isPositive();
		}
	}

	@Test
	void aPlaintextSessionStopsStartupNamingBootsProperty(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(peers.trusted().port(), null));

		assertThat(output).contains("APPLICATION FAILED TO START", "spring.cassandra.ssl.enabled",
				"without TLS: queries, rows and credentials cross the network in clear",
				"Set spring.cassandra.ssl.bundle");
	}

	@Test
	void hostNameVerificationOffStopsStartupNamingBootsProperty(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> start(peers.trusted().port(), "ca", "spring.cassandra.ssl.verify-hostname=false"));

		assertThat(output).contains("APPLICATION FAILED TO START", "spring.cassandra.ssl.verify-hostname",
				"accepts a node certificate issued for another host name");
	}

	@Test
	void reportModeListsAPlaintextSessionAndLeavesItAsConfigured() {
		try (ConfigurableApplicationContext app = start(peers.trusted().port(), null, "secure.comms.mode=report")) {
			assertThat(sslEngineFactory(app.getBean(CqlSessionBuilder.class))).isNull();
			assertThat(MiddlewareApp.connections(app, "cassandra")).singleElement().satisfies((entry) -> {
				assertThat(entry.status()).isEqualTo(Status.WEAKENED);
				assertThat(entry.connection().trustSource()).isEqualTo("none");
				assertThat(entry.weaknesses()).singleElement()
					.asString()
					.startsWith("spring.cassandra.ssl.enabled=false");
			});
			assertThat(MiddlewareApp.violations(app)).isPositive();
		}
	}

	@Test
	void bootsUnconfiguredSessionIsLeftAlone() {
		try (ConfigurableApplicationContext app = MiddlewareApp.startWithoutRevocation(List.of())) {
			MiddlewareApp.assertUnconfigured(app, "cassandra");
			assertThat(sslEngineFactory(app.getBean(CqlSessionBuilder.class))).isNull();
		}
	}

	/**
	 * @param trustedCa the CA file {@code spring.cassandra.ssl.bundle} trusts, or
	 * {@code null} for no SSL
	 */
	private static ConfigurableApplicationContext start(int port, String trustedCa, String... more) {
		List<String> properties = new ArrayList<>(
				List.of("spring.cassandra.contact-points=localhost:" + port, "spring.cassandra.local-datacenter=dc1"));
		if (trustedCa != null) {
			properties.add(peers.trustStore("cassandra", trustedCa));
			properties.add("spring.cassandra.ssl.bundle=cassandra");
		}
		properties.addAll(List.of(more));
		return MiddlewareApp.startWithoutRevocation(properties);
	}

	/**
	 * What the builder will give the driver: its programmatic arguments are not exposed
	 * otherwise.
	 */
	private static SslEngineFactory sslEngineFactory(CqlSessionBuilder builder) {
		Field field = ReflectionUtils.findField(SessionBuilder.class, "programmaticArgumentsBuilder");
		ReflectionUtils.makeAccessible(field);
		return ((ProgrammaticArguments.Builder) ReflectionUtils.getField(field, builder)).build().getSslEngineFactory();
	}

	private static String stackTrace(Throwable ex) {
		StringWriter out = new StringWriter();
		ex.printStackTrace(new PrintWriter(out));
		return out.toString();
	}

}
