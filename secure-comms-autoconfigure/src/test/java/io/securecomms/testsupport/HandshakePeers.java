package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.util.FileSystemUtils;

/**
 * The TLS peers a middleware channel's tests need when no server of its own exists here,
 * for a test class ({@code @RegisterExtension static}): one trusted for
 * {@code localhost}, one trusted but with a certificate for another host, a server
 * without TLS; and two CA files, {@code ca} (which issued both) and {@code stranger}
 * (which did not).
 */
public final class HandshakePeers implements BeforeAllCallback, AfterAllCallback {

	private Path directory;

	private TlsHandshakePeer trusted;

	private TlsHandshakePeer otherHost;

	private PlaintextPeer plaintext;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		this.directory = Files.createTempDirectory("handshake-peers");
		Authority ca = TestCertificates.rootCa("middleware CA");
		ca.writePem(this.directory, "ca");
		TestCertificates.rootCa("stranger CA").writePem(this.directory, "stranger");
		this.trusted = TlsHandshakePeer.presenting(ca.issue(Spec.server("localhost")));
		this.otherHost = TlsHandshakePeer.presenting(ca.issue(Spec.server("db.example")));
		this.plaintext = PlaintextPeer.start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		this.trusted.close();
		this.otherHost.close();
		this.plaintext.close();
		FileSystemUtils.deleteRecursively(this.directory);
	}

	/** A peer presenting a certificate for {@code localhost}. */
	public TlsHandshakePeer trusted() {
		return this.trusted;
	}

	/** A peer presenting a certificate for {@code db.example}, issued by the same CA. */
	public TlsHandshakePeer otherHost() {
		return this.otherHost;
	}

	/** A server without TLS, answering in plaintext. */
	public PlaintextPeer plaintext() {
		return this.plaintext;
	}

	/**
	 * PEM SSL bundle {@code bundle} trusting {@code caFile} ({@code ca} or
	 * {@code stranger}).
	 */
	public String trustStore(String bundle, String caFile) {
		return "spring.ssl.bundle.pem." + bundle + ".truststore.certificate=file:"
				+ this.directory.resolve(caFile + ".crt");
	}

}
