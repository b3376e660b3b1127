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

	/** Whether application data came in since the handshake: a later alert is no verdict on the handshake. */
	private boolean dataReceived;

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

	@Override
	public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
		try {
			SSLEngineResult result = observed(this.delegate.unwrap(src, dsts, offset, length));
			if (result.bytesProduced() > 0) {
				this.dataReceived = true;
			}
			return result;
		}
		catch (SSLException | RuntimeException ex) {
			if (!fail(ex)) {
				refusedAfterFinished(ex);
			}
			throw ex;
		}
	}

	/**
	 * In TLS 1.3 a client's handshake is {@code FINISHED} before the server has judged its certificate: a server
	 * that requires one it did not get says so in the first record after it ({@code certificate_required}).
	 * That is the handshake failing, not the connection, so it is reported as a failure too.
	 */
	private void refusedAfterFinished(Exception failure) {
		if (!this.delegate.getUseClientMode() || this.dataReceived || failure.getMessage() == null
				|| !failure.getMessage().contains("certificate_required")) {
			return;
		}
		synchronized (this) {
			if (this.dataReceived) {
				return;
			}
			this.dataReceived = true;
		}
		this.observer.failed(this, failure, null);
	}

	private SSLEngineResult observed(SSLEngineResult result) {
		if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
			synchronized (this) {
				if (this.ended) {
					return result;
				}
				this.ended = true;
			}
			this.observer.succeeded(this.delegate.getSession(), System.nanoTime() - this.startNanos);
		}
		return result;
	}

	/** @return whether this failure ended the handshake (not one that had ended already) */
	private boolean fail(Exception failure) {
		synchronized (this) {
			if (this.ended) {
				return false;
			}
			this.ended = true;
		}
		this.observer.failed(this, failure, this.delegate.getHandshakeSession());
		return true;
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
