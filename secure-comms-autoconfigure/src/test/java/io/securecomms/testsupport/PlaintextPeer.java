package io.securecomms.testsupport;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server on loopback that the user forgot to put on TLS: it reads what a client sends
 * first and answers in plaintext, as a database without TLS answers a request it cannot
 * parse.
 */
public final class PlaintextPeer implements AutoCloseable {

	private final ServerSocket server;

	private final AtomicInteger connections = new AtomicInteger();

	private PlaintextPeer(ServerSocket server) {
		this.server = server;
		Thread acceptor = new Thread(this::accept, "plaintext-peer");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static PlaintextPeer start() {
		try {
			return new PlaintextPeer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the plaintext peer", ex);
		}
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Connections accepted so far. */
	public int connections() {
		return this.connections.get();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try (Socket connection = this.server.accept()) {
				this.connections.incrementAndGet();
				connection.setSoTimeout(5000);
				connection.getInputStream().read(new byte[512]);
				connection.getOutputStream()
					.write("-ERR this server does not speak TLS\r\n".getBytes(StandardCharsets.US_ASCII));
				connection.getOutputStream().flush();
			}
			catch (IOException ex) {
				// Closed, or the client went away.
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
