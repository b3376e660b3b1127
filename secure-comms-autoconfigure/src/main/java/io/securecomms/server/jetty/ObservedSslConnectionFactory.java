package io.securecomms.server.jetty;

import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.ClassifiedCertificateException;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.server.AllowListTrustManager;
import io.securecomms.server.AllowedClients;
import io.securecomms.server.InboundHandshakeObserver;
import io.securecomms.server.ServerEngineParameters;

/**
 * Jetty's TLS connection factory with every engine on the policy
 * ({@link ServerEngineParameters}: protocols, suites in the policy's order with the
 * server's order honoured, named groups) and every handshake reported to an
 * {@link InboundHandshakeObserver}, the observation path Tomcat's and Reactor Netty's
 * engines use too. Jetty's own handshake listener is the hook: the engine stays the
 * JDK's, so Jetty's ALPN (HTTP/2), which only works with the JDK's engine classes, keeps
 * working. A client's renegotiation closes the connection
 * ({@link RenegotiationRefusingConnection}).
 */
final class ObservedSslConnectionFactory extends SslConnectionFactory {

	private final ServerEngineParameters parameters;

	private final Channel channel;

	private final HandshakeEvents events;

	private final AllowedClients allowedClients;

	ObservedSslConnectionFactory(SslContextFactory.Server sslContextFactory, String nextProtocol,
			ServerEngineParameters parameters, Channel channel, HandshakeEvents events, AllowedClients allowedClients) {
		super(sslContextFactory, nextProtocol);
		this.parameters = parameters;
		this.channel = channel;
		this.events = events;
		this.allowedClients = allowedClients;
	}

	AllowedClients allowedClients() {
		return this.allowedClients;
	}

	@Override
	protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
		SslConnection connection = new RenegotiationRefusingConnection(connector, getSslContextFactory(), endPoint,
				this.parameters.apply(engine), isDirectBuffersForEncryption(), isDirectBuffersForDecryption());
		String remote = InboundHandshakeObserver.describe(endPoint.getRemoteSocketAddress());
		connection.addHandshakeListener(
				new Observation(new InboundHandshakeObserver(this.channel, this.events, (failed) -> remote),
						this.allowedClients, System.nanoTime()));
		return connection;
	}

	/**
	 * One connection's handshake, timed from the moment Jetty accepted the connection.
	 */
	private static final class Observation implements SslHandshakeListener {

		private final InboundHandshakeObserver observer;

		private final AllowedClients allowedClients;

		private final long startNanos;

		private volatile boolean refused;

		Observation(InboundHandshakeObserver observer, AllowedClients allowedClients, long startNanos) {
			this.observer = observer;
			this.allowedClients = allowedClients;
			this.startNanos = startNanos;
		}

		/**
		 * Jetty builds its trust managers itself, so the allow-list is checked here, as
		 * soon as the engine has verified the chain and before Jetty reads a byte of the
		 * request: an {@link SSLException} from this listener makes Jetty fail the
		 * handshake and close the connection.
		 */
		@Override
		public void handshakeSucceeded(Event event) throws SSLException {
			SSLSession session = event.getSSLEngine().getSession();
			if (!this.allowedClients.isEmpty()) {
				try {
					AllowListTrustManager.check(this.allowedClients, peerChain(session));
				}
				catch (ClassifiedCertificateException ex) {
					SSLHandshakeException failure = new SSLHandshakeException(String.valueOf(ex.getMessage()));
					failure.initCause(ex);
					this.refused = true;
					this.observer.failed(event.getSSLEngine(), failure, session);
					throw failure;
				}
			}
			this.observer.succeeded(session, System.nanoTime() - this.startNanos);
		}

		@Override
		public void handshakeFailed(Event event, Throwable failure) {
			if (this.refused) {
				// Already counted as the refusal it is.
				return;
			}
			Exception exception = (failure instanceof Exception ex) ? ex : new SSLException(failure);
			this.observer.failed(event.getSSLEngine(), exception, event.getSSLEngine().getHandshakeSession());
		}

		private static X509Certificate[] peerChain(SSLSession session) {
			try {
				return Arrays.stream(session.getPeerCertificates())
					.filter(X509Certificate.class::isInstance)
					.map(X509Certificate.class::cast)
					.toArray(X509Certificate[]::new);
			}
			catch (SSLPeerUnverifiedException ex) {
				// No certificate (client-auth want): nothing to check.
				return new X509Certificate[0];
			}
		}

	}

	/**
	 * Closes the connection when a client asks to renegotiate (a DoS lever, refused on
	 * Tomcat and Reactor Netty too). Jetty's own refusal only stops reading, and leaves
	 * the connection open until it idles out, which a scanner reads as renegotiation
	 * accepted. Once the handshake is done, a record of the handshake type can only be a
	 * new ClientHello: TLS 1.3 hides its post-handshake messages in application data
	 * records.
	 */
	private static final class RenegotiationRefusingConnection extends SslConnection {

		private static final byte HANDSHAKE_RECORD = 22;

		private volatile boolean handshakeDone;

		RenegotiationRefusingConnection(Connector connector, SslContextFactory.Server context, EndPoint endPoint,
				SSLEngine engine, boolean directEncryption, boolean directDecryption) {
			super(connector.getByteBufferPool(), connector.getExecutor(), context, endPoint, engine, directEncryption,
					directDecryption);
			addHandshakeListener(new SslHandshakeListener() {

				@Override
				public void handshakeSucceeded(Event event) {
					RenegotiationRefusingConnection.this.handshakeDone = true;
				}

			});
		}

		@Override
		protected SSLEngineResult unwrap(SSLEngine engine, ByteBuffer input, ByteBuffer output) throws SSLException {
			if (this.handshakeDone && input.hasRemaining() && input.get(input.position()) == HANDSHAKE_RECORD) {
				getEndPoint().close();
				throw new SSLException("client-initiated renegotiation refused");
			}
			return super.unwrap(engine, input, output);
		}

	}

}
