package io.securecomms.trust;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import io.securecomms.metrics.PeerText;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * An {@link SSLContext} that is "the bundles' current material": each new engine or
 * socket comes from an SSL context built for the current version of its SSL bundles
 * ({@link ReloadingSslMaterial}), rebuilt the first time it is needed after a reload.
 * Connections already open keep the context they were made with, and each version has its
 * own session cache, so no new connection resumes a session made with the old certificate
 * or trust.
 */
final class ReloadingSslContext extends SSLContext {

	private ReloadingSslContext(Spi spi, SSLContext first) {
		super(spi, first.getProvider(), first.getProtocol());
	}

	/** Builds the context of one version of the bundles. */
	interface Builder {

		SSLContext build() throws GeneralSecurityException;

	}

	/**
	 * @param version the versions of the bundles in use, compared with
	 * {@link Object#equals} on each connection
	 */
	static ReloadingSslContext of(Supplier<Object> version, Builder builder) throws GeneralSecurityException {
		Object first = version.get();
		SSLContext context = builder.build();
		return new ReloadingSslContext(new Spi(version, builder, new Versioned(first, context)), context);
	}

	private record Versioned(Object version, SSLContext context) {
	}

	private static final class Spi extends SSLContextSpi {

		private static final Log logger = LogFactory.getLog(ReloadingSslContext.class);

		private final Supplier<Object> version;

		private final Builder builder;

		private volatile Versioned current;

		private final SSLSocketFactory sockets = new Sockets(this);

		Spi(Supplier<Object> version, Builder builder, Versioned first) {
			this.version = version;
			this.builder = builder;
			this.current = first;
		}

		SSLContext current() {
			Object now = this.version.get();
			Versioned current = this.current;
			if (Objects.equals(now, current.version())) {
				return current.context();
			}
			synchronized (this) {
				if (!Objects.equals(now, this.current.version())) {
					try {
						this.current = new Versioned(now, this.builder.build());
					}
					catch (GeneralSecurityException | RuntimeException ex) {
						logger.warn("Cannot build an SSL context from reloaded SSL bundles ("
								+ PeerText.escape(String.valueOf(ex.getMessage()))
								+ "); new connections keep the previous certificate and trust");
						this.current = new Versioned(now, this.current.context());
					}
				}
				return this.current.context();
			}
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
			return current().getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return current().createSSLEngine();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return current().createSSLEngine(host, port);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return current().getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return current().getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return current().getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return current().getSupportedSSLParameters();
		}

	}

	/** Sockets from the current version's factory. */
	private static final class Sockets extends SSLSocketFactory {

		private final Spi spi;

		Sockets(Spi spi) {
			this.spi = spi;
		}

		private SSLSocketFactory factory() {
			return this.spi.current().getSocketFactory();
		}

		@Override
		public String[] getDefaultCipherSuites() {
			return factory().getDefaultCipherSuites();
		}

		@Override
		public String[] getSupportedCipherSuites() {
			return factory().getSupportedCipherSuites();
		}

		@Override
		public Socket createSocket() throws IOException {
			return factory().createSocket();
		}

		@Override
		public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
			return factory().createSocket(socket, host, port, autoClose);
		}

		@Override
		public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
			return factory().createSocket(socket, consumed, autoClose);
		}

		@Override
		public Socket createSocket(String host, int port) throws IOException {
			return factory().createSocket(host, port);
		}

		@Override
		public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
			return factory().createSocket(host, port, localHost, localPort);
		}

		@Override
		public Socket createSocket(InetAddress host, int port) throws IOException {
			return factory().createSocket(host, port);
		}

		@Override
		public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
				throws IOException {
			return factory().createSocket(address, port, localAddress, localPort);
		}

	}

}
