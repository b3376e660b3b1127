package io.securecomms.metrics;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An {@link SSLEngine} that passes everything to the JSSE engine and tells its {@link Outcome} how the handshake
 * ended: exactly once, as a success (the engine reported {@code FINISHED}), a failure (the engine threw) or a
 * connection closed before either. Parameters the client library sets pass through a {@link TlsParametersGuard},
 * so that no library can widen the policy or switch the host name check off after the engine was made.
 */
public final class ObservedSslEngine extends SSLEngine {

	private final SSLEngine delegate;

	private final Outcome observer;

	private final TlsParametersGuard guard;

	private final long startNanos = System.nanoTime();

	private boolean ended;

	/** Whether the handshake ended well and the peer may still refuse it (see {@link #unwrap}). */
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
	 * A TLS 1.3 client finishes its handshake before the server has checked the client's certificate; the server's
	 * refusal (a fatal alert such as {@code certificate_required}) comes with the first record after it, and is
	 * counted as a failure of the handshake, as a TLS 1.2 server's would have been.
	 */
	@Override
	public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
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

	private SSLEngineResult observed(SSLEngineResult result) {
		if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
			synchronized (this) {
				if (this.ended) {
					return result;
				}
				this.ended = true;
			}
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
	public Runnable getDelegatedTask() {
		return this.delegate.getDelegatedTask();
	}

	@Override
	public boolean isInboundDone() {
		return this.delegate.isInboundDone();
	}

	@Override
	public boolean isOutboundDone() {
		return this.delegate.isOutboundDone();
	}

	@Override
	public String[] getSupportedCipherSuites() {
		return this.delegate.getSupportedCipherSuites();
	}

	@Override
	public String[] getEnabledCipherSuites() {
		return this.delegate.getEnabledCipherSuites();
	}

	@Override
	public void setEnabledCipherSuites(String[] suites) {
		this.delegate.setEnabledCipherSuites(this.guard.cipherSuites(suites));
	}

	@Override
	public String[] getSupportedProtocols() {
		return this.delegate.getSupportedProtocols();
	}

	@Override
	public String[] getEnabledProtocols() {
		return this.delegate.getEnabledProtocols();
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		this.delegate.setEnabledProtocols(this.guard.protocols(protocols));
	}

	@Override
	public SSLSession getSession() {
		return this.delegate.getSession();
	}

	@Override
	public SSLSession getHandshakeSession() {
		return this.delegate.getHandshakeSession();
	}

	@Override
	public void beginHandshake() throws SSLException {
		this.delegate.beginHandshake();
	}

	@Override
	public HandshakeStatus getHandshakeStatus() {
		return this.delegate.getHandshakeStatus();
	}

	@Override
	public void setUseClientMode(boolean mode) {
		this.delegate.setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return this.delegate.getUseClientMode();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		this.delegate.setNeedClientAuth(need);
	}

	@Override
	public boolean getNeedClientAuth() {
		return this.delegate.getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		this.delegate.setWantClientAuth(want);
	}

	@Override
	public boolean getWantClientAuth() {
		return this.delegate.getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		this.delegate.setEnableSessionCreation(flag);
	}

	@Override
	public boolean getEnableSessionCreation() {
		return this.delegate.getEnableSessionCreation();
	}

	@Override
	public SSLParameters getSSLParameters() {
		return this.delegate.getSSLParameters();
	}

	@Override
	public void setSSLParameters(SSLParameters params) {
		this.delegate.setSSLParameters(this.guard.parameters(params));
	}

	@Override
	public String getApplicationProtocol() {
		return this.delegate.getApplicationProtocol();
	}

	@Override
	public String getHandshakeApplicationProtocol() {
		return this.delegate.getHandshakeApplicationProtocol();
	}

	@Override
	public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
		this.delegate.setHandshakeApplicationProtocolSelector(selector);
	}

	@Override
	public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
		return this.delegate.getHandshakeApplicationProtocolSelector();
	}

	@Override
	public String getPeerHost() {
		return this.delegate.getPeerHost();
	}

	@Override
	public int getPeerPort() {
		return this.delegate.getPeerPort();
	}

	/** Told how one engine's handshake ended. */
	public interface Outcome {

		void succeeded(SSLSession session, long nanos);

		/**
		 * @param handshakeSession the session being negotiated (the peer's certificates, where it sent them), or
		 * {@code null}
		 */
		void failed(SSLEngine engine, Exception failure, SSLSession handshakeSession);

	}

}
