package io.securecomms.testsupport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A peer that speaks just enough of PostgreSQL's protocol to show what a client would give away to a server
 * that answers "no TLS": it answers {@code N} to every SSLRequest, records the user of each StartupMessage,
 * asks for the password in clear, records it, and hangs up.
 */
public final class NoTlsPostgres implements AutoCloseable {

	private static final int SSL_REQUEST = 80877103;

	private static final int PROTOCOL_3 = 196608;

	private final ServerSocket server;

	private final AtomicInteger connections = new AtomicInteger();

	private final List<String> users = new CopyOnWriteArrayList<>();

	private final List<String> passwords = new CopyOnWriteArrayList<>();

	private NoTlsPostgres(ServerSocket server) {
		this.server = server;
		Thread acceptor = new Thread(this::serve, "no-tls-postgres");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public static NoTlsPostgres start() throws IOException {
		return new NoTlsPostgres(new ServerSocket(0, 10, InetAddress.getLoopbackAddress()));
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** Connections accepted, whatever came over them. */
	public int connections() {
		return this.connections.get();
	}

	/** The user names of the StartupMessages received. */
	public List<String> users() {
		return List.copyOf(this.users);
	}

	/** The passwords received in clear. */
	public List<String> passwords() {
		return List.copyOf(this.passwords);
	}

	private void serve() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				this.connections.incrementAndGet();
				socket.setSoTimeout(10_000);
				talk(new DataInputStream(socket.getInputStream()), new DataOutputStream(socket.getOutputStream()));
			}
			catch (IOException ex) {
				// the client hung up, or the server was closed
			}
		}
	}

	private void talk(DataInputStream in, DataOutputStream out) throws IOException {
		byte[] message = untypedMessage(in);
		int code = readInt(message, 0);
		if (code == SSL_REQUEST) {
			out.write('N');
			out.flush();
			message = untypedMessage(in);
			code = readInt(message, 0);
		}
		if (code != PROTOCOL_3) {
			return;
		}
		String[] parameters = new String(message, 4, message.length - 4, StandardCharsets.UTF_8).split("\0");
		for (int i = 0; i + 1 < parameters.length; i += 2) {
			if (parameters[i].equals("user")) {
				this.users.add(parameters[i + 1]);
			}
		}
		// AuthenticationCleartextPassword
		out.writeByte('R');
		out.writeInt(8);
		out.writeInt(3);
		out.flush();
		if (in.readByte() == 'p') {
			byte[] password = new byte[in.readInt() - 4];
			in.readFully(password);
			this.passwords.add(new String(password, StandardCharsets.UTF_8).replace("\0", ""));
		}
	}

	private static byte[] untypedMessage(DataInputStream in) throws IOException {
		byte[] body = new byte[in.readInt() - 4];
		in.readFully(body);
		return body;
	}

	private static int readInt(byte[] bytes, int offset) {
		return ((bytes[offset] & 0xff) << 24) | ((bytes[offset + 1] & 0xff) << 16) | ((bytes[offset + 2] & 0xff) << 8)
				| (bytes[offset + 3] & 0xff);
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
