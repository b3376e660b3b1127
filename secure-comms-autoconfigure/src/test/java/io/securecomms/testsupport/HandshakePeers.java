package io.securecomms.testsupport;

import java.io.IOException;
import java.nio.file.Path;

import io.securecomms.testsupport.TestCertificates.Authority;
import io.securecomms.testsupport.TestCertificates.Spec;

/**
 * The TLS peers a middleware channel's tests need when no server of its own exists here: one trusted for
 * {@code localhost}, one trusted but with a certificate for another host; and two CA files, {@code ca.crt}
 * (which issued both) and {@code stranger.crt} (which did not).
 */
public final class HandshakePeers implements AutoCloseable {

	private final Path directory;

	private final TlsHandshakePeer trusted;

	private final TlsHandshakePeer otherHost;

	private HandshakePeers(Path directory, TlsHandshakePeer trusted, TlsHandshakePeer otherHost) {
		this.directory = directory;
		this.trusted = trusted;
		this.otherHost = otherHost;
	}

	/** Writes the CA files into {@code directory} and starts the peers. */
	public static HandshakePeers start(Path directory) {
		Authority ca = TestCertificates.rootCa("middleware CA");
		ca.writePem(directory, "ca");
		TestCertificates.rootCa("stranger CA").writePem(directory, "stranger");
		return new HandshakePeers(directory, TlsHandshakePeer.presenting(ca.issue(Spec.server("localhost"))),
				TlsHandshakePeer.presenting(ca.issue(Spec.server("db.example"))));
	}

	/** A peer presenting a certificate for {@code localhost}. */
	public TlsHandshakePeer trusted() {
		return this.trusted;
	}

	/** A peer presenting a certificate for {@code db.example}, issued by the same CA. */
	public TlsHandshakePeer otherHost() {
		return this.otherHost;
	}

	/** PEM SSL bundle {@code bundle} trusting {@code caFile} ({@code ca} or {@code stranger}). */
	public String trustStore(String bundle, String caFile) {
		return "spring.ssl.bundle.pem." + bundle + ".truststore.certificate=file:"
				+ this.directory.resolve(caFile + ".crt");
	}

	@Override
	public void close() throws IOException {
		this.trusted.close();
		this.otherHost.close();
	}

}
