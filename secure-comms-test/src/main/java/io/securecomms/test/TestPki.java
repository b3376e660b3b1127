package io.securecomms.test;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.SSLContext;

import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;

/**
 * The throw-away PKI of a test JVM, generated in memory on first use and never written
 * anywhere: a CA, a server certificate for {@code localhost}, {@code 127.0.0.1} and
 * {@code ::1}, and a client certificate, all issued by that CA. One per JVM, so that
 * Spring's test context cache keeps working across test classes.
 * <p>
 * Spring SSL bundles (inline PEM):
 * <ul>
 * <li>{@value #SERVER_BUNDLE}: the server certificate and key; its truststore holds the
 * test CA, so a separate management port (mutual TLS by default with secure-comms)
 * accepts {@value #CLIENT_BUNDLE}'s certificate.</li>
 * <li>{@value #CLIENT_BUNDLE}: the client certificate and key, with the test CA as
 * truststore.</li>
 * <li>{@value #TRUST_BUNDLE}: only the test CA.</li>
 * </ul>
 */
public final class TestPki {

	public static final String SERVER_BUNDLE = "secure-comms-test-server";

	public static final String CLIENT_BUNDLE = "secure-comms-test-client";

	public static final String TRUST_BUNDLE = "secure-comms-test-trust";

	private static volatile TestPki instance;

	private final Authority ca;

	private final Issued server;

	private final Issued client;

	private TestPki() {
		this.ca = TestCertificates.rootCa("secure-comms test CA");
		this.server = this.ca.issue(Spec.server("localhost", "127.0.0.1", "::1").alsoClient());
		this.client = this.ca.issue(Spec.client("secure-comms test client"));
	}

	/** The PKI of this JVM, generated on first call. */
	public static TestPki get() {
		TestPki pki = instance;
		if (pki == null) {
			synchronized (TestPki.class) {
				pki = instance;
				if (pki == null) {
					pki = new TestPki();
					instance = pki;
				}
			}
		}
		return pki;
	}

	public Authority ca() {
		return this.ca;
	}

	public Issued server() {
		return this.server;
	}

	public Issued client() {
		return this.client;
	}

	/**
	 * An {@link SSLContext} trusting the test CA and presenting the client certificate
	 * when asked.
	 */
	public SSLContext clientSslContext() {
		return SslContexts.of(this.client, this.ca.certificate());
	}

	/** An {@link SSLContext} trusting the test CA and presenting no certificate. */
	public SSLContext trustingSslContext() {
		return SslContexts.of(null, this.ca.certificate());
	}

	/** The three SSL bundles as Spring properties (inline PEM). */
	public Map<String, Object> bundleProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		String ca = this.ca.certificatePem();
		String prefix = "spring.ssl.bundle.pem.";
		properties.put(prefix + SERVER_BUNDLE + ".keystore.certificate", this.server.chainPem());
		properties.put(prefix + SERVER_BUNDLE + ".keystore.private-key", this.server.privateKeyPem());
		properties.put(prefix + SERVER_BUNDLE + ".truststore.certificate", ca);
		properties.put(prefix + CLIENT_BUNDLE + ".keystore.certificate", this.client.chainPem());
		properties.put(prefix + CLIENT_BUNDLE + ".keystore.private-key", this.client.privateKeyPem());
		properties.put(prefix + CLIENT_BUNDLE + ".truststore.certificate", ca);
		properties.put(prefix + TRUST_BUNDLE + ".truststore.certificate", ca);
		return properties;
	}

}
