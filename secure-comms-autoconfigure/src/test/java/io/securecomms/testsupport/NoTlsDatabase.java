package io.securecomms.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A database server that speaks just enough of its protocol to say "no TLS" and records
 * what the client sends next: for PostgreSQL it answers {@code N} to the SSLRequest and
 * records the StartupMessage; for MySQL it sends a greeting without the SSL capability
 * and records the login packet. Either one arriving means the client sent its user (and,
 * for MySQL, its password hash) in plaintext.
 */
public final class NoTlsDatabase implements AutoCloseable {

	private static final int SSL_REQUEST = 80877103;

	private static final int GSSENC_REQUEST = 80877104;

	private final ServerSocket server;

	private final boolean mysql;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private final Thread acceptor;

	private NoTlsDatabase(boolean mysql) throws IOException {
		this.server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
		this.mysql = mysql;
		this.acceptor = new Thread(this::accept, "no-tls-" + (mysql ? "mysql" : "postgres"));
		this.acceptor.setDaemon(true);
		this.acceptor.start();
	}

	public static NoTlsDatabase postgres() throws IOException {
		return new NoTlsDatabase(false);
	}

	public static NoTlsDatabase mysql() throws IOException {
		return new NoTlsDatabase(true);
	}

	public String host() {
		return this.server.getInetAddress().getHostAddress();
	}

	public int port() {
		return this.server.getLocalPort();
	}

	/** The StartupMessages (PostgreSQL) or login packets (MySQL) received, as text. */
	public List<String> plaintextLogins() {
		return List.copyOf(this.received);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try (Socket socket = this.server.accept()) {
				socket.setSoTimeout(10_000);
				if (this.mysql) {
					mysql(socket.getInputStream(), socket.getOutputStream());
				}
				else {
					postgres(new DataInputStream(socket.getInputStream()), socket.getOutputStream());
				}
			}
			catch (IOException ex) {
				// the client hung up, or the server is closing
			}
		}
	}

	private void postgres(DataInputStream in, OutputStream out) throws IOException {
		while (true) {
			int length = in.readInt();
			byte[] body = new byte[length - 4];
			in.readFully(body);
			int code = (body.length >= 4) ? ByteBuffer.wrap(body).getInt() : 0;
			if (length == 8 && (code == SSL_REQUEST || code == GSSENC_REQUEST)) {
				out.write('N');
				out.flush();
				continue;
			}
			this.received.add(new String(body, StandardCharsets.ISO_8859_1));
			return;
		}
	}

	private void mysql(InputStream in, OutputStream out) throws IOException {
		out.write(packet(0, greeting()));
		out.flush();
		byte[] header = in.readNBytes(4);
		if (header.length < 4) {
			return;
		}
		int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
		this.received.add(new String(in.readNBytes(length), StandardCharsets.ISO_8859_1));
	}

	/** Protocol 10 greeting of a MySQL 8.0 server without CLIENT_SSL (0x800). */
	private static byte[] greeting() {
		int capabilities = 0x1 | 0x2 | 0x4 | 0x8 | 0x200 | 0x2000 | 0x8000 | 0x10000 | 0x20000 | 0x80000 | 0x100000
				| 0x200000;
		ByteBuffer buffer = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
		buffer.put((byte) 10).put("8.0.36\0".getBytes(StandardCharsets.US_ASCII)).putInt(1);
		buffer.put("abcdefgh".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
		buffer.putShort((short) capabilities)
			.put((byte) 0xff)
			.putShort((short) 2)
			.putShort((short) (capabilities >>> 16));
		buffer.put((byte) 21).put(new byte[10]).put("ijklmnopqrst\0".getBytes(StandardCharsets.US_ASCII));
		buffer.put("mysql_native_password\0".getBytes(StandardCharsets.US_ASCII));
		byte[] greeting = new byte[buffer.position()];
		buffer.flip().get(greeting);
		return greeting;
	}

	private static byte[] packet(int sequence, byte[] payload) {
		ByteArrayOutputStream packet = new ByteArrayOutputStream();
		packet.write(payload.length & 0xff);
		packet.write((payload.length >>> 8) & 0xff);
		packet.write((payload.length >>> 16) & 0xff);
		packet.write(sequence);
		packet.writeBytes(payload);
		return packet.toByteArray();
	}

	@Override
	public void close() throws IOException {
		this.server.close();
	}

}
