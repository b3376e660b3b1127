package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import io.securecomms.test.TestCertificates.Issued;

/**
 * A TLS peer on loopback for clients whose server does not exist here (MongoDB,
 * Cassandra): it completes the handshake with the certificate a test gives it, counts it,
 * and hangs up. It speaks no database protocol, so the client fails after TLS; what a
 * test observes is the handshake, on both sides.
 */
public final class TlsHandshakePeer implements AutoCloseable {

	private final SSLServerSocket server;

	private final ExecutorService threads = Executors.newCachedThreadPool();

	private final AtomicInteger handshakes = new AtomicInteger();

	private TlsHandshakePeer(SSLServerSocket server) {
		this.server = server;
		this.threads.execute(this::accept);
	}

	/** A peer presenting {@code identity}, on TLS 1.3 and 1.2. */
	public static TlsHandshakePeer presenting(Issued identity) {
		try {
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setKeyEntry("peer", identity.privateKey(), new char[0], identity.chain().toArray(Certificate[]::new));
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(store, new char[0]);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keys.getKeyManagers(), null, null);
			SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
				.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
			server.setEnabledProtocols(new String[] { "TLSv1.3", "TLSv1.2" });
			return new TlsHandshakePeer(server);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the TLS peer", ex);
		}
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Handshakes the peer completed. */
	public int handshakes() {
		return this.handshakes.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket accepted = this.server.accept();
				this.threads.execute(() -> handshakeAndHangUp((SSLSocket) accepted));
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private void handshakeAndHangUp(SSLSocket socket) {
		try (socket) {
			socket.setSoTimeout(5000);
			socket.startHandshake();
			this.handshakes.incrementAndGet();
		}
		catch (IOException ex) {
			// The client refused the certificate: what the tests look for on the client's
			// side.
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.threads.shutdownNow();
	}

}
