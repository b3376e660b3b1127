package io.securecomms.trust;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import io.securecomms.metrics.ObservedSslEngine;
import io.securecomms.metrics.ObservedSslSocket;
import io.securecomms.metrics.OutboundHandshakeObserver;
import io.securecomms.policy.TlsPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The reusable unit of an outbound channel: an {@link SSLContext} whose trust is a
 * {@link PolicyTrustManager} and whose engines and sockets are client-mode, on the
 * policy's protocols and suites, check the host name, and report how each handshake ended
 * to the channel's observer (the {@code peer} tag is {@code host:port}). Any client
 * library that takes an {@code SSLContext}, an {@code SSLEngine} or an
 * {@code SSLSocketFactory} gets the whole policy from it, whatever it sets on the engines
 * and sockets afterwards.
 */
public final class PolicySslContext extends SSLContext {

	private PolicySslContext(Spi spi, SSLContext trusted) {
		super(spi, trusted.getProvider(), trusted.getProtocol());
	}

	/**
	 * @param trusted an initialised context with a {@link PolicyTrustManager} (see
	 * {@link TrustContexts})
	 * @param presentsCertificate whether it offers a client certificate, to tell
	 * "missing" from "rejected"
	 */
	public static PolicySslContext of(SSLContext trusted, TlsPolicy policy, OutboundHandshakeObserver observer,
			boolean presentsCertificate) {
		return of(trusted, policy, observer, presentsCertificate, null);
	}

	/**
	 * @param peer the {@code peer} tag of every handshake when the connection has a fixed
	 * name (a telemetry exporter's, {@code otlp-tracing}), or {@code null} for
	 * {@code host:port}
	 */
	public static PolicySslContext of(SSLContext trusted, TlsPolicy policy, OutboundHandshakeObserver observer,
			boolean presentsCertificate, @Nullable String peer) {
		return new PolicySslContext(
				new Spi(trusted, new PolicyParametersGuard(policy), observer, presentsCertificate, peer), trusted);
	}

	private static final class Spi extends SSLContextSpi {

		private final SSLContext trusted;

		private final PolicyParametersGuard guard;

		private final OutboundHandshakeObserver observer;

		private final boolean presentsCertificate;

		private final @Nullable String peer;

		private final SSLSocketFactory sockets;

		Spi(SSLContext trusted, PolicyParametersGuard guard, OutboundHandshakeObserver observer,
				boolean presentsCertificate, @Nullable String peer) {
			this.trusted = trusted;
			this.guard = guard;
			this.observer = observer;
			this.presentsCertificate = presentsCertificate;
			this.peer = peer;
			this.sockets = new PolicySocketFactory(this);
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
				throws KeyManagementException {
			throw new KeyManagementException("A secure-comms SSL context is initialised already: its trust and "
					+ "identity come from the configured SSL bundles");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return this.sockets;
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			throw new UnsupportedOperationException("A secure-comms outbound SSL context makes no server sockets");
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return engine(this.trusted.createSSLEngine(), "unknown");
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return engine(this.trusted.createSSLEngine(host, port), host + ":" + port);
		}

		private SSLEngine engine(SSLEngine engine, String remote) {
			String peer = (this.peer != null) ? this.peer : remote;
			engine.setUseClientMode(true);
			engine.setSSLParameters(this.guard.parameters(engine.getSSLParameters()));
			return new ObservedSslEngine(engine, new ObservedSslEngine.Outcome() {

				@Override
				public void succeeded(SSLSession session, long nanos) {
					Spi.this.observer.succeeded(peer, session, nanos);
				}

				@Override
				public void failed(SSLEngine failed, Exception failure, @Nullable SSLSession handshakeSession) {
					Spi.this.observer.handshakeFailed(peer, remote, failure, Spi.this.presentsCertificate);
				}

			}, this.guard);
		}

		SSLSocket socket(Socket created, @Nullable String host) {
			SSLSocket socket = (SSLSocket) created;
			socket.setUseClientMode(true);
			socket.setSSLParameters(this.guard.parameters(socket.getSSLParameters()));
			return new ObservedSslSocket(socket, host, this.peer, this.observer, this.guard, this.presentsCertificate);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.trusted.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.trusted.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return this.guard.parameters(this.trusted.getDefaultSSLParameters());
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.trusted.getSupportedSSLParameters();
		}

	}

	/** Client sockets on the policy, each observed. */
	private static final class PolicySocketFactory extends SSLSocketFactory {

		private final Spi spi;

		private final SSLSocketFactory factory;

		PolicySocketFactory(Spi spi) {
			this.spi = spi;
			this.factory = spi.trusted.getSocketFactory();
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return this.spi.guard.cipherSuites(null);
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return this.factory.getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket() throws IOException {
			return this.spi.socket(this.factory.createSocket(), null);
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return this.spi.socket(this.factory.createSocket(socket, host, port, autoClose), host);
		}

		@Override
		public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
			throw new UnsupportedOperationException("A secure-comms outbound SSL context makes no server sockets");
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return this.spi.socket(this.factory.createSocket(host, port), host);
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return this.spi.socket(this.factory.createSocket(host, port, localHost, localPort), host);
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return this.spi.socket(this.factory.createSocket(host, port), null);
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return this.spi.socket(this.factory.createSocket(address, port, localAddress, localPort), null);
		}

	}

}
