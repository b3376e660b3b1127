package io.securecomms.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;

/**
 * A minimal HTTPS peer on JDK {@link SSLSocket}s: unlike the JDK's {@code HttpsServer}, a
 * failed handshake ends with the TLS alert that says why ({@code protocol_version},
 * {@code handshake_failure}, {@code certificate_required}), as a real server sends it, so
 * the client can tell the cases apart. Any request is answered {@code 200 hello}, then
 * the connection is closed.
 */
final class TlsSocketPeer implements AutoCloseable {

	private static final char[] PASSWORD = "secure-comms-test".toCharArray();

	private final ServerSocket server;

	private final SSLSocketFactory sockets;

	private final String[] protocols;

	private final String[] cipherSuites;

	private final boolean needClientAuth;

	private final ExecutorService threads = Executors.newCachedThreadPool((task) -> {
		Thread thread = new Thread(task, "tls-socket-peer");
		thread.setDaemon(true);
		return thread;
	});

	private TlsSocketPeer(ServerSocket server, SSLSocketFactory sockets, String[] protocols, String[] cipherSuites,
			boolean needClientAuth) {
		this.server = server;
		this.sockets = sockets;
		this.protocols = protocols;
		this.cipherSuites = cipherSuites;
		this.needClientAuth = needClientAuth;
		this.threads.execute(this::accept);
	}

	/**
	 * A peer presenting {@code identity}; {@code protocols} and {@code cipherSuites}
	 * (none: the JVM's) are all it accepts; with {@code clientCa}, a client certificate
	 * issued by it is required.
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
			ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			return new TlsSocketPeer(server, context.getSocketFactory(), protocols, cipherSuites, clientCa != null);
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
				this.threads.execute(() -> answer(accepted));
			}
			catch (IOException ex) {
				// Closed.
			}
		}
	}

	private void answer(Socket connection) {
		try (connection) {
			connection.setSoTimeout(5000);
			// TLS over a socket it does not own: when the handshake fails, the alert is
			// sent and the TCP connection
			// stays open until the client has read it. Closing it with the client's
			// request unread would reset it,
			// and a TLS 1.3 client (whose handshake ends before the server checks its
			// certificate) would see
			// "broken pipe" instead of the alert.
			SSLSocket socket = (SSLSocket) this.sockets.createSocket(connection, null, connection.getPort(), false);
			socket.setUseClientMode(false);
			socket.setEnabledProtocols(this.protocols);
			if (this.cipherSuites != null) {
				socket.setEnabledCipherSuites(this.cipherSuites);
			}
			socket.setNeedClientAuth(this.needClientAuth);
			try {
				socket.startHandshake();
				respond(socket);
			}
			catch (IOException ex) {
				// The handshake failed, the alert is sent: what the tests look for. Wait
				// for the client to hang up.
				drain(connection);
			}
		}
		catch (IOException ex) {
			// The client went away.
		}
	}

	private static void respond(SSLSocket socket) throws IOException {
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
		socket.close();
	}

	private static void drain(Socket connection) throws IOException {
		connection.shutdownOutput();
		InputStream in = connection.getInputStream();
		byte[] buffer = new byte[4096];
		while (in.read(buffer) != -1) {
			// Until the client closes (or the read times out).
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
