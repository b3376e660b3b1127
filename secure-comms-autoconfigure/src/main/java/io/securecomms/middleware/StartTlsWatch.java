package io.securecomms.middleware;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import io.securecomms.metrics.OutboundHandshakeObserver;

/**
 * Sees a STARTTLS connection that never became TLS: the plain sockets come from
 * {@link #plainSockets()}, the upgrade goes through {@link #tlsSockets()}, and a
 * connected plain socket closed without an upgrade (the server did not offer STARTTLS, or
 * refused it, and the client gave up before sending anything but its greeting) is counted
 * on {@code secure.comms.plaintext.refused}.
 */
final class StartTlsWatch {

	private final SSLSocketFactory policyFactory;

	private final OutboundHandshakeObserver observer;

	StartTlsWatch(SSLSocketFactory policyFactory, OutboundHandshakeObserver observer) {
		this.policyFactory = policyFactory;
		this.observer = observer;
	}

	/** For the plain connection before STARTTLS ({@code mail.smtp.socketFactory}). */
	SocketFactory plainSockets() {
		return new PlainSockets();
	}

	/**
	 * For the upgrade ({@code mail.smtp.ssl.socketFactory}): the policy's, marking the
	 * plain socket upgraded.
	 */
	SSLSocketFactory tlsSockets() {
		return new TlsSockets();
	}

	/** A plain socket that remembers whether it was upgraded to TLS. */
	private final class WatchedSocket extends Socket {

		private volatile boolean upgraded;

		private boolean closed;

		@Override
		public synchronized void close() throws IOException {
			boolean first = !this.closed;
			this.closed = true;
			super.close();
			// A layered TLS socket closes this one too, once it was upgraded: only a
			// plain ending counts.
			if (first && !this.upgraded && getRemoteSocketAddress() instanceof InetSocketAddress remote) {
				StartTlsWatch.this.observer.plaintextRefused(remote.getHostString() + ":" + remote.getPort());
			}
		}

	}

	private final class PlainSockets extends SocketFactory {

		@Override
		public Socket createSocket() {
			return new WatchedSocket();
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return connected(new InetSocketAddress(host, port));
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			Socket socket = createSocket();
			socket.bind(new InetSocketAddress(localHost, localPort));
			socket.connect(new InetSocketAddress(host, port));
			return socket;
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return connected(new InetSocketAddress(host, port));
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			Socket socket = createSocket();
			socket.bind(new InetSocketAddress(localAddress, localPort));
			socket.connect(new InetSocketAddress(address, port));
			return socket;
		}

		private Socket connected(InetSocketAddress address) throws IOException {
			Socket socket = createSocket();
			socket.connect(address);
			return socket;
		}

	}

	private final class TlsSockets extends SSLSocketFactory {

		private SSLSocketFactory policy() {
			return StartTlsWatch.this.policyFactory;
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return policy().getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return policy().getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			if (socket instanceof WatchedSocket watched) {
				watched.upgraded = true;
			}
			return policy().createSocket(socket, host, port, autoClose);
		}

		@Override
		public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
			return policy().createSocket(socket, consumed, autoClose);
		}

		@Override
		public Socket createSocket() throws IOException {
			return policy().createSocket();
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return policy().createSocket(host, port);
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return policy().createSocket(host, port, localHost, localPort);
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return policy().createSocket(host, port);
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return policy().createSocket(address, port, localAddress, localPort);
		}

	}

}
