package io.securecomms.jvm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;

/**
 * An engine of the JVM's default context: the policy's client engine, unless the caller turns it into a server
 * engine ({@code setUseClientMode(false)}, as a server built on {@code SSLContext.getDefault()} does), in which
 * case it becomes an engine of the JVM's previous default context with the settings the caller made so far:
 * server-mode engines work exactly as before.
 */
final class ModeSwitchingEngine extends SSLEngine {

	private final Supplier<SSLEngine> serverEngines;

	private final List<Consumer<SSLEngine>> settings = new ArrayList<>();

	private volatile SSLEngine delegate;

	private boolean switched;

	ModeSwitchingEngine(SSLEngine client, Supplier<SSLEngine> serverEngines, String host, int port) {
		super(host, port);
		this.delegate = client;
		this.serverEngines = serverEngines;
	}

	/** Applies a setting now and remembers it for a switch to server mode. */
	private synchronized void set(Consumer<SSLEngine> setting) {
		if (!this.switched) {
			this.settings.add(setting);
		}
		setting.accept(this.delegate);
	}

	@Override
	public synchronized void setUseClientMode(boolean mode) {
		if (!mode && !this.switched) {
			this.switched = true;
			SSLEngine server = this.serverEngines.get();
			server.setUseClientMode(false);
			this.settings.forEach((setting) -> setting.accept(server));
			this.settings.clear();
			this.delegate = server;
			return;
		}
		this.delegate.setUseClientMode(mode);
	}

	@Override
	public boolean getUseClientMode() {
		return this.delegate.getUseClientMode();
	}

	@Override
	public SSLEngineResult wrap(ByteBuffer[] srcs, int offset, int length, ByteBuffer dst) throws SSLException {
		return this.delegate.wrap(srcs, offset, length, dst);
	}

	@Override
	public SSLEngineResult unwrap(ByteBuffer src, ByteBuffer[] dsts, int offset, int length) throws SSLException {
		return this.delegate.unwrap(src, dsts, offset, length);
	}

	@Override
	public Runnable getDelegatedTask() {
		return this.delegate.getDelegatedTask();
	}

	@Override
	public void closeInbound() throws SSLException {
		this.delegate.closeInbound();
	}

	@Override
	public boolean isInboundDone() {
		return this.delegate.isInboundDone();
	}

	@Override
	public void closeOutbound() {
		this.delegate.closeOutbound();
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
		set((engine) -> engine.setEnabledCipherSuites(suites));
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
		set((engine) -> engine.setEnabledProtocols(protocols));
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
	public SSLEngineResult.HandshakeStatus getHandshakeStatus() {
		return this.delegate.getHandshakeStatus();
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		set((engine) -> engine.setNeedClientAuth(need));
	}

	@Override
	public boolean getNeedClientAuth() {
		return this.delegate.getNeedClientAuth();
	}

	@Override
	public void setWantClientAuth(boolean want) {
		set((engine) -> engine.setWantClientAuth(want));
	}

	@Override
	public boolean getWantClientAuth() {
		return this.delegate.getWantClientAuth();
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		set((engine) -> engine.setEnableSessionCreation(flag));
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
		// The policy's engine narrows the object it is given: a server engine gets the caller's own.
		SSLParameters asked = copy(params);
		set((engine) -> engine.setSSLParameters(engine.getUseClientMode() ? params : asked));
	}

	private static SSLParameters copy(SSLParameters params) {
		SSLParameters copy = new SSLParameters(params.getCipherSuites(), params.getProtocols());
		copy.setAlgorithmConstraints(params.getAlgorithmConstraints());
		copy.setEndpointIdentificationAlgorithm(params.getEndpointIdentificationAlgorithm());
		copy.setServerNames(params.getServerNames());
		copy.setSNIMatchers(params.getSNIMatchers());
		copy.setUseCipherSuitesOrder(params.getUseCipherSuitesOrder());
		copy.setEnableRetransmissions(params.getEnableRetransmissions());
		copy.setMaximumPacketSize(params.getMaximumPacketSize());
		copy.setApplicationProtocols(params.getApplicationProtocols());
		if (params.getNeedClientAuth()) {
			copy.setNeedClientAuth(true);
		}
		else {
			copy.setWantClientAuth(params.getWantClientAuth());
		}
		return copy;
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
		set((engine) -> engine.setHandshakeApplicationProtocolSelector(selector));
	}

	@Override
	public BiFunction<SSLEngine, List<String>, String> getHandshakeApplicationProtocolSelector() {
		return this.delegate.getHandshakeApplicationProtocolSelector();
	}

}
