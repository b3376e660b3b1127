package io.securecomms.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;

/**
 * A minimal HTTPS peer on a JDK {@link SSLServerSocket}: unlike the JDK's {@code HttpsServer}, a failed handshake
 * ends with the TLS alert that says why ({@code protocol_version}, {@code handshake_failure},
 * {@code certificate_required}), as a real server sends it, so the client can tell the cases apart. Any request
 * is answered {@code 200 hello}, then the connection is closed.
 */
final class TlsSocketPeer implements AutoCloseable {

	private static final char[] PASSWORD = "secure-comms-test".toCharArray();

	private final SSLServerSocket server;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "tls-socket-peer");
		thread.setDaemon(true);
		return thread;
	});

	private TlsSocketPeer(SSLServerSocket server) {
		this.server = server;
		this.threads.execute(this::accept);
	}

	/**
	 * A peer presenting {@code identity}; {@code protocols} and {@code cipherSuites} (none: the JVM's) are all
	 * it accepts; with {@code clientCa}, a client certificate issued by it is required.
	 */
	static TlsSocketPeer start(Issued identity, String[] protocols, String[] cipherSuites, Authority clientCa) {
		try {
			KeyStore keys = KeyStore.getInstance("PKCS12");
			keys.load(null, null);
			keys.setKeyEntry("peer", identity.privateKey(), PASSWORD, identity.chain().toArray(Certificate[]::new));
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keys, PASSWORD);
			TrustManagerFactory trustManagers = null;
			if (clientCa != null) {
				KeyStore trust = KeyStore.getInstance("PKCS12");
				trust.load(null, null);
				trust.setCertificateEntry("client-ca", clientCa.certificate());
				trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				trustManagers.init(trust);
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(),
					(trustManagers != null) ? trustManagers.getTrustManagers() : null, null);
			SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
				.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
			server.setEnabledProtocols(protocols);
			if (cipherSuites != null) {
				server.setEnabledCipherSuites(cipherSuites);
			}
			server.setNeedClientAuth(clientCa != null);
			return new TlsSocketPeer(server);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the TLS peer", ex);
		}
	}

	int port() {
		return this.server.getLocalPort();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket accepted = this.server.accept();
				this.threads.execute(() -> answer((SSLSocket) accepted));
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private void answer(SSLSocket socket) {
		try (socket) {
			socket.setSoTimeout(5000);
			socket.startHandshake();
			InputStream in = socket.getInputStream();
			int last = 0;
			int current;
			// Reads the request head, up to the empty line (CR LF CR LF).
			while ((current = in.read()) != -1) {
				last = (last << 8) | current;
				if (last == 0x0d0a0d0a) {
					break;
				}
			}
			OutputStream out = socket.getOutputStream();
			out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
		}
		catch (IOException ex) {
			// The handshake failed (the alert is sent) or the client went away: what the tests look for.
		}
	}

	@Override
	public void close() {
		try {
			this.server.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
		this.threads.shutdownNow();
	}

}
