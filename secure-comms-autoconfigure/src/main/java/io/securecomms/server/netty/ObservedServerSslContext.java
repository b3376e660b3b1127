package io.securecomms.server.netty;

import java.util.List;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSessionContext;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ImmediateExecutor;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.ObservedSslEngine;
import io.securecomms.server.InboundHandshakeObserver;
import io.securecomms.server.ServerEngineParameters;
import org.jspecify.annotations.Nullable;

/**
 * A Reactor Netty server's {@link SslContext} whose engines are on the policy and
 * observed: every engine gets the policy's parameters ({@link ServerEngineParameters})
 * and is wrapped in an {@link ObservedSslEngine} that reports to an
 * {@link InboundHandshakeObserver}, the observation path Tomcat's engines use too. Its
 * handlers learn the caller's address when Netty adds them to the connection, for the
 * failure log, and refuse a client's renegotiation.
 */
final class ObservedServerSslContext extends SslContext {

	private final SslContext delegate;

	private final ServerEngineParameters parameters;

	private final Channel channel;

	private final HandshakeEvents events;

	/**
	 * Whether the engines are OpenSSL's: then the handler observes their handshake, so
	 * that Netty drives the engine it knows natively instead of a wrapper it would treat
	 * as the JDK's.
	 */
	private final boolean nativeEngines;

	ObservedServerSslContext(SslContext delegate, ServerEngineParameters parameters, Channel channel,
			HandshakeEvents events, boolean nativeEngines) {
		this.delegate = delegate;
		this.nativeEngines = nativeEngines;
		this.parameters = parameters;
		this.channel = channel;
		this.events = events;
	}

	@Override
	public boolean isClient() {
		return false;
	}

	@Override
	public List<String> cipherSuites() {
		return this.delegate.cipherSuites();
	}

	@Override
	public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
		return this.delegate.applicationProtocolNegotiator();
	}

	@Override
	public SSLSessionContext sessionContext() {
		return this.delegate.sessionContext();
	}

	@Override
	public SSLEngine newEngine(ByteBufAllocator alloc) {
		return observed(this.delegate.newEngine(alloc), new Remote());
	}

	@Override
	public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
		return observed(this.delegate.newEngine(alloc, peerHost, peerPort), new Remote());
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls) {
		return newHandler(alloc, startTls, ImmediateExecutor.INSTANCE);
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator alloc, boolean startTls, Executor executor) {
		return handler(this.delegate.newEngine(alloc), startTls, executor);
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls) {
		return newHandler(alloc, peerHost, peerPort, startTls, ImmediateExecutor.INSTANCE);
	}

	@Override
	protected SslHandler newHandler(ByteBufAllocator alloc, String peerHost, int peerPort, boolean startTls,
			Executor executor) {
		return handler(this.delegate.newEngine(alloc, peerHost, peerPort), startTls, executor);
	}

	private SslHandler handler(SSLEngine engine, boolean startTls, Executor executor) {
		Remote remote = new Remote();
		if (this.nativeEngines) {
			return new ObservedSslHandler(this.parameters.apply(engine), startTls, executor, remote, observer(remote));
		}
		return new ObservedSslHandler(observed(engine, remote), startTls, executor, remote, null);
	}

	private SSLEngine observed(SSLEngine engine, Remote remote) {
		return new ObservedSslEngine(this.parameters.apply(engine), observer(remote));
	}

	private InboundHandshakeObserver observer(Remote remote) {
		return new InboundHandshakeObserver(this.channel, this.events, (failed) -> remote.address);
	}

	/** The caller's address, known once the handler is on its connection. */
	private static final class Remote {

		private volatile String address = InboundHandshakeObserver.UNKNOWN_REMOTE;

	}

	private static final class ObservedSslHandler extends SslHandler {

		private static final short HANDSHAKE_RECORD = 22;

		private static final int RECORD_HEADER = 5;

		private final Remote remote;

		private final ObservedSslEngine.@Nullable Outcome observer;

		/**
		 * @param observer told how the handshake ended, when the engine does not tell it
		 * itself (a native engine, which is not wrapped)
		 */
		ObservedSslHandler(SSLEngine engine, boolean startTls, Executor executor, Remote remote,
				ObservedSslEngine.@Nullable Outcome observer) {
			super(engine, startTls, executor);
			this.remote = remote;
			this.observer = observer;
		}

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
			this.remote.address = InboundHandshakeObserver.describe(ctx.channel().remoteAddress());
			if (this.observer != null) {
				observeHandshake(this.observer, System.nanoTime());
			}
			super.handlerAdded(ctx);
		}

		/**
		 * As {@link ObservedSslEngine} reports a handshake: once, as a success, a failure
		 * or a connection closed before either.
		 */
		private void observeHandshake(ObservedSslEngine.Outcome observer, long startNanos) {
			handshakeFuture().addListener((future) -> {
				SSLEngine engine = engine();
				if (future.isSuccess()) {
					observer.succeeded(engine.getSession(), System.nanoTime() - startNanos);
					return;
				}
				Throwable cause = future.cause();
				Exception failure = (cause instanceof SSLException ssl) ? ssl
						: new SSLException("connection closed during the TLS handshake", cause);
				observer.failed(engine, failure, handshakeSession(engine));
			});
		}

		private static javax.net.ssl.@Nullable SSLSession handshakeSession(SSLEngine engine) {
			try {
				return engine.getHandshakeSession();
			}
			catch (UnsupportedOperationException ex) {
				return null;
			}
		}

		/**
		 * Refuses a client-initiated renegotiation (a DoS lever, and what Tomcat refuses
		 * too), which the JDK's engines would accept in TLS 1.2: once the handshake is
		 * done, a record of the handshake type can only be a new ClientHello (TLS 1.3
		 * hides its post-handshake messages in application data records). The connection
		 * is closed before the engine sees it.
		 */
		@Override
		protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws SSLException {
			if (handshakeFuture().isSuccess() && containsHandshakeRecord(in)) {
				in.skipBytes(in.readableBytes());
				ctx.close();
				return;
			}
			super.decode(ctx, in, out);
		}

		private static boolean containsHandshakeRecord(ByteBuf in) {
			int offset = in.readerIndex();
			while (offset < in.writerIndex()) {
				if (in.getUnsignedByte(offset) == HANDSHAKE_RECORD) {
					return true;
				}
				if (offset + RECORD_HEADER > in.writerIndex()) {
					return false;
				}
				offset += RECORD_HEADER + in.getUnsignedShort(offset + 3);
			}
			return false;
		}

		/**
		 * Netty reads the negotiated protocol (ALPN, for HTTP/2) from its own engine
		 * types only; the JDK engine inside knows it.
		 */
		@Override
		public @Nullable String applicationProtocol() {
			String protocol = engine().getApplicationProtocol();
			return (protocol == null || protocol.isEmpty()) ? null : protocol;
		}

	}

}
