package io.securecomms.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * A caller that sends a complete ClientHello, reads the server's first answer and hangs
 * up: the handshake never finishes.
 */
public final class HalfHandshake {

	private HalfHandshake() {
	}

	public static void sendClientHelloAndHangUp(int port) throws Exception {
		SSLEngine engine = SSLContext.getDefault().createSSLEngine("localhost", port);
		engine.setUseClientMode(true);
		ByteBuffer clientHello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
		engine.wrap(ByteBuffer.allocate(0), clientHello);
		clientHello.flip();
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream().write(clientHello.array(), 0, clientHello.limit());
			socket.getOutputStream().flush();
			InputStream in = socket.getInputStream();
			if (in.read() < 0) {
				throw new IOException("The server closed the connection before answering the ClientHello");
			}
		}
	}

}
