package io.securecomms.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real plain-HTTP server on loopback that records every connection and every byte it
 * receives, and answers "hello": the peer a refused {@code http://} request must never
 * reach.
 */
public final class PlainHttpServer implements AutoCloseable {

	private final ServerSocket socket;

	private final AtomicLong connections = new AtomicLong();

	private final AtomicLong bytes = new AtomicLong();

	private PlainHttpServer(ServerSocket socket) {
		this.socket = socket;
	}

	public static PlainHttpServer start() {
		try {
			PlainHttpServer server = new PlainHttpServer(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
			Thread acceptor = new Thread(server::accept, "plain-http-server");
			acceptor.setDaemon(true);
			acceptor.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the plain HTTP server", ex);
		}
	}

	public int port() {
		return this.socket.getLocalPort();
	}

	public String url(String path) {
		return "http://127.0.0.1:" + port() + path;
	}

	/** Connections accepted so far. */
	public long connections() {
		return this.connections.get();
	}

	/** Bytes received so far, over every connection. */
	public long bytesReceived() {
		return this.bytes.get();
	}

	private void accept() {
		while (!this.socket.isClosed()) {
			try (Socket connection = this.socket.accept()) {
				this.connections.incrementAndGet();
				answer(connection);
			}
			catch (IOException ex) {
				// closed, or the client went away
			}
		}
	}

	private void answer(Socket connection) throws IOException {
		InputStream in = connection.getInputStream();
		StringBuilder head = new StringBuilder();
		int read;
		while (!head.toString().endsWith("\r\n\r\n") && (read = in.read()) != -1) {
			this.bytes.incrementAndGet();
			head.append((char) read);
		}
		OutputStream out = connection.getOutputStream();
		out.write("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
			.getBytes(StandardCharsets.US_ASCII));
		out.flush();
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
