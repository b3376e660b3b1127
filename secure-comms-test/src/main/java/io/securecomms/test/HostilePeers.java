package io.securecomms.test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Local TLS servers (the JDK's {@code HttpsServer} on loopback, {@code GET /} answers
 * "hello"), one per classic bad case, for testing an application's own outbound calls.
 * Every certificate but the self-signed and the untrusted-root ones is issued by
 * {@link #ca() one CA}, carries its OCSP address, and is answered for by a real OCSP
 * responder ({@link Case#REVOKED} is revoked there).
 * <p>
 * Give the application the {@link #TRUST_BUNDLE trust bundle} ({@link #properties()} for
 * {@code @DynamicPropertySource}, {@link #trustBundle()} as an {@link SslBundle},
 * {@link #trustPem()} as text): it holds the peers' CA and the {@link TestPki} CA, so
 * calls to the application itself keep working. Then call {@link #url(Case)}: only
 * {@link Case#GOOD} must answer.
 * <p>
 * {@link #shared()} is started once per JVM and closed when it exits;
 * {@link HostilePeersExtension} hands it to test methods.
 */
public final class HostilePeers implements AutoCloseable {

	/** The SSL bundle {@link #properties()} defines. */
	public static final String TRUST_BUNDLE = "secure-comms-hostile-peers-trust";

	private static volatile HostilePeers shared;

	/**
	 * The bad cases, each with the {@code reason} tag secure-comms counts when it refuses
	 * it.
	 */
	public enum Case {

		/** A valid certificate for localhost from the trusted CA: must be accepted. */
		GOOD(null),
		/** Expired yesterday. */
		EXPIRED("cert_expired"),
		/** Valid from tomorrow. */
		NOT_YET_VALID("cert_not_yet_valid"),
		/** Issued for {@code wrong-host.example}, served on localhost. */
		WRONG_HOST("hostname_mismatch"),
		/** Self-signed for localhost, trusted nowhere. */
		SELF_SIGNED("cert_untrusted"),
		/** Issued for localhost by a CA outside the trust bundle. */
		UNTRUSTED_ROOT("cert_untrusted"),
		/** Revoked at the CA's OCSP responder. */
		REVOKED("cert_revoked"),
		/** An RSA key of 1024 bits. */
		WEAK_KEY("cert_untrusted"),
		/** Speaks TLS 1.1 only. */
		TLS_1_1_ONLY("protocol_version"),
		/** TLS 1.2 with CBC suites only. */
		CBC_ONLY("no_common_cipher"),
		/**
		 * Requires a client certificate issued by the peers' CA. A JDK server answers a
		 * missing certificate with the {@code bad_certificate} alert, the same as a
		 * refused one, so the client counts {@code client_cert_rejected} (an OpenSSL
		 * server sends {@code certificate_required}: {@code client_cert_missing}).
		 */
		CLIENT_CERT_REQUIRED("client_cert_rejected");

		private final String reason;

		Case(String reason) {
			this.reason = reason;
		}

		/**
		 * The {@code reason} tag of {@code secure.comms.tls.handshake.failures};
		 * {@code null} for GOOD.
		 */
		public String reason() {
			return this.reason;
		}

	}

	private final Authority ca;

	private final OcspResponder ocsp;

	private final Map<Case, TlsTestServer> servers = new EnumMap<>(Case.class);

	private final Map<Case, TlsSocketPeer> alerting = new EnumMap<>(Case.class);

	private HostilePeers() {
		this.ca = TestCertificates.rootCa("secure-comms hostile peers CA");
		this.ocsp = OcspResponder.start(this.ca);
		try {
			startServers();
		}
		catch (RuntimeException ex) {
			close();
			throw ex;
		}
	}

	/** Starts a new set of peers; {@link #close()} stops them. */
	public static HostilePeers start() {
		return new HostilePeers();
	}

	/** The peers of this JVM, started on first call and stopped when the JVM exits. */
	public static HostilePeers shared() {
		HostilePeers peers = shared;
		if (peers == null) {
			synchronized (HostilePeers.class) {
				peers = shared;
				if (peers == null) {
					peers = start();
					Runtime.getRuntime().addShutdownHook(new Thread(peers::close, "hostile-peers-shutdown"));
					shared = peers;
				}
			}
		}
		return peers;
	}

	private void startServers() {
		Instant now = Instant.now();
		String ocspUrl = this.ocsp.url();
		Issued good = this.ca.issue(Spec.server("localhost", "127.0.0.1").ocsp(ocspUrl));
		Issued revoked = this.ca.issue(Spec.server("localhost", "127.0.0.1").ocsp(ocspUrl));
		this.ocsp.revoke(revoked.certificate());
		serve(Case.GOOD, TlsTestServer.presenting(good));
		serve(Case.EXPIRED,
				TlsTestServer.presenting(this.ca.issue(Spec.server("localhost")
					.ocsp(ocspUrl)
					.valid(now.minus(Duration.ofDays(60)), now.minus(Duration.ofDays(1))))));
		serve(Case.NOT_YET_VALID,
				TlsTestServer.presenting(this.ca.issue(Spec.server("localhost")
					.ocsp(ocspUrl)
					.valid(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(60))))));
		serve(Case.WRONG_HOST,
				TlsTestServer.presenting(this.ca.issue(Spec.server("wrong-host.example").ocsp(ocspUrl))));
		serve(Case.SELF_SIGNED, TlsTestServer.presenting(TestCertificates.selfSigned(Spec.server("localhost"))));
		serve(Case.UNTRUSTED_ROOT, TlsTestServer
			.presenting(TestCertificates.rootCa("secure-comms untrusted CA").issue(Spec.server("localhost"))));
		serve(Case.REVOKED, TlsTestServer.presenting(revoked));
		serve(Case.WEAK_KEY, TlsTestServer.presenting(this.ca.issue(Spec.server("localhost").rsa(1024).ocsp(ocspUrl))));
		// The JDK's HttpsServer hangs up without an alert when a handshake fails: these
		// cases need the alert.
		this.alerting.put(Case.TLS_1_1_ONLY, TlsSocketPeer.start(good, new String[] { "TLSv1.1" }, null, null));
		this.alerting
			.put(Case.CBC_ONLY,
					TlsSocketPeer.start(good, new String[] { "TLSv1.2" },
							new String[] { "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
									"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA" },
							null));
		this.alerting.put(Case.CLIENT_CERT_REQUIRED,
				TlsSocketPeer.start(good, new String[] { "TLSv1.3", "TLSv1.2" }, null, this.ca));
	}

	private void serve(Case peer, TlsTestServer.Builder server) {
		this.servers.put(peer, server.start());
	}

	/** {@code https://localhost:<port>/}. */
	public String url(Case peer) {
		return "https://localhost:" + port(peer) + "/";
	}

	public int port(Case peer) {
		TlsSocketPeer alertingPeer = this.alerting.get(peer);
		return (alertingPeer != null) ? alertingPeer.port() : this.servers.get(peer).port();
	}

	/**
	 * The {@code peer} tag secure-comms puts on its meters for this case:
	 * {@code localhost:<port>}.
	 */
	public String peerTag(Case peer) {
		return "localhost:" + port(peer);
	}

	/**
	 * The CA that issued the trusted cases; it can issue client certificates the
	 * mutual-TLS case accepts.
	 */
	public Authority ca() {
		return this.ca;
	}

	public OcspResponder ocsp() {
		return this.ocsp;
	}

	/** The peers' CA and the {@link TestPki} CA, as PEM text. */
	public String trustPem() {
		return this.ca.certificatePem() + TestPki.get().ca().certificatePem();
	}

	/** {@link #trustPem()} as an {@link SslBundle} (truststore only). */
	public SslBundle trustBundle() {
		return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(trustPem())));
	}

	/**
	 * The trust bundle {@value #TRUST_BUNDLE} and
	 * {@code secure.comms.client.trust-bundle} pointing at it, for
	 * {@code @DynamicPropertySource} or {@code SpringApplicationBuilder.properties}.
	 */
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.ssl.bundle.pem." + TRUST_BUNDLE + ".truststore.certificate", trustPem());
		properties.put("secure.comms.client.trust-bundle", TRUST_BUNDLE);
		return Collections.unmodifiableMap(properties);
	}

	/** Adds {@link #properties()} to a {@code @DynamicPropertySource} registry. */
	public void addTo(DynamicPropertyRegistry registry) {
		properties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@Override
	public void close() {
		this.servers.values().forEach(TlsTestServer::close);
		this.alerting.values().forEach(TlsSocketPeer::close);
		this.ocsp.close();
	}

}
