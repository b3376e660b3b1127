package io.securecomms.metrics;

import java.nio.ByteBuffer;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * An {@link SSLEngine} that passes everything to the JSSE engine and tells its
 * {@link Outcome} how the handshake ended: exactly once, as a success (the engine
 * reported {@code FINISHED}), a failure (the engine threw) or a connection closed before
 * either. Parameters the client library sets pass through a {@link TlsParametersGuard},
 * so that no library can widen the policy or switch the host name check off after the
 * engine was made. A server's engine refuses a client's renegotiation once the handshake
 * is done.
 */
public final class ObservedSslEngine extends ForwardingSslEngine {

	private static final byte HANDSHAKE_RECORD = 22;

	private final SSLEngine delegate;

	private final Outcome observer;

	private final TlsParametersGuard guard;

	private final long startNanos = System.nanoTime();

	private boolean ended;

	/**
	 * Whether the handshake ended well: from then on, a server refuses a client's
	 * renegotiation.
	 */
	private volatile boolean succeeded;

	/**
	 * Whether the handshake ended well and the peer may still refuse it (see
	 * {@link #unwrap}).
	 */
	private boolean refusalPossible;

	public ObservedSslEngine(SSLEngine delegate, Outcome observer) {
		this(delegate, observer, TlsParametersGuard.NONE);
	}

	public ObservedSslEngine(SSLEngine delegate, Outcome observer, TlsParametersGuard guard) {
		this.delegate = delegate;
		this.observer = observer;
		this.guard = guard;
	}

	@Override
	protected SSLEngine delegate() {
		return this.delegate;
	}

	@Override
	public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
		try {
			return observed(this.delegate.wrap(srcs, offset, length, dst));
		}
		catch (SSLException | RuntimeException ex) {
			fail(ex);
			throw ex;
		}
	}

	/**
	 * A TLS 1.3 client finishes its handshake before the server has checked the client's
	 * certificate; the server's refusal (a fatal alert such as
	 * {@code certificate_required}) comes with the first record after it, and is counted
	 * as a failure of the handshake, as a TLS 1.2 server's would have been.
	 */
	@Override
	public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
		if (this.succeeded && !this.delegate.getUseClientMode() && startsWithHandshakeRecord(src)) {
			return refuseRenegotiation(src, dsts, offset, length);
		}
		try {
			SSLEngineResult result = observed(this.delegate.unwrap(src, dsts, offset, length));
			if (this.refusalPossible && result.bytesProduced() > 0) {
				this.refusalPossible = false;
			}
			return result;
		}
		catch (SSLException | RuntimeException ex) {
			if (this.refusalPossible) {
				this.refusalPossible = false;
				this.observer.failed(this, ex, this.delegate.getSession());
			}
			fail(ex);
			throw ex;
		}
	}

	/**
	 * The JDK refuses a client's renegotiation with a fatal alert where
	 * {@code jdk.tls.rejectClientInitiatedRenegotiation} was set before its first
	 * handshake (the starter sets it early); where it was not, the engine would
	 * renegotiate, and the connection is refused here instead, without an alert.
	 */
	private SSLEngineResult refuseRenegotiation(ByteBuffer src, ByteBuffer[] dsts, int offset, int length)
			throws SSLException {
		SSLEngineResult result = this.delegate.unwrap(src, dsts, offset, length);
		if (result.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
				&& result.getHandshakeStatus() != HandshakeStatus.FINISHED) {
			throw new SSLException("client-initiated renegotiation refused");
		}
		return result;
	}

	/**
	 * Once the handshake is done, a record of the handshake type from a client can only
	 * be a new ClientHello: a request to renegotiate (a DoS lever, which the JDK's
	 * engines would accept in TLS 1.2). TLS 1.3 hides its post-handshake messages in
	 * application data records.
	 */
	private static boolean startsWithHandshakeRecord(ByteBuffer src) {
		return src.hasRemaining() && src.get(src.position()) == HANDSHAKE_RECORD;
	}

	private SSLEngineResult observed(SSLEngineResult result) {
		if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
			synchronized (this) {
				if (this.ended) {
					return result;
				}
				this.ended = true;
			}
			this.succeeded = true;
			this.refusalPossible = this.delegate.getUseClientMode()
					&& "TLSv1.3".equals(this.delegate.getSession().getProtocol());
			this.observer.succeeded(this.delegate.getSession(), System.nanoTime() - this.startNanos);
		}
		return result;
	}

	private void fail(Exception failure) {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
		}
		this.observer.failed(this, failure, this.delegate.getHandshakeSession());
	}

	private void closedDuringHandshake() {
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
		}
		this.observer.failed(this, new SSLException("connection closed during the TLS handshake"),
				this.delegate.getHandshakeSession());
	}

	@Override
	public void closeInbound() throws SSLException {
		closedDuringHandshake();
		this.delegate.closeInbound();
	}

	@Override
	public void closeOutbound() {
		closedDuringHandshake();
		this.delegate.closeOutbound();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		this.delegate.setEnabledCipherSuites(this.guard.cipherSuites(suites));
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		this.delegate.setEnabledProtocols(this.guard.protocols(protocols));
	}

	@Override
	public void setSSLParameters(SSLParameters params) {
		this.delegate.setSSLParameters(this.guard.parameters(params));
	}

	/** Told how one engine's handshake ended. */
	public interface Outcome {

		void succeeded(SSLSession session, long nanos);

		/**
		 * @param handshakeSession the session being negotiated (the peer's certificates,
		 * where it sent them), or {@code null}
		 */
		void failed(SSLEngine engine, Exception failure, @Nullable SSLSession handshakeSession);

	}

}
