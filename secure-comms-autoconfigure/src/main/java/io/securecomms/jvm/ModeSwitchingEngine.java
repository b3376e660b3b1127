package io.securecomms.jvm;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.securecomms.metrics.ForwardingSslEngine;

/**
 * An engine of the JVM's default context: the policy's client engine, unless the caller
 * turns it into a server engine ({@code setUseClientMode(false)}, as a server built on
 * {@code SSLContext.getDefault()} does), in which case it becomes an engine of the JVM's
 * previous default context with the settings the caller made so far: server-mode engines
 * work exactly as before.
 */
final class ModeSwitchingEngine extends ForwardingSslEngine {

	private final Supplier<SSLEngine> serverEngines;

	private final List<Consumer<SSLEngine>> settings = new ArrayList<>();

	private volatile SSLEngine delegate;

	private boolean switched;

	ModeSwitchingEngine(SSLEngine client, Supplier<SSLEngine> serverEngines) {
		this.delegate = client;
		this.serverEngines = serverEngines;
	}

	@Override
	protected SSLEngine delegate() {
		return this.delegate;
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
	public void setEnabledCipherSuites(String[] suites) {
		set((engine) -> engine.setEnabledCipherSuites(suites));
	}

	@Override
	public void setEnabledProtocols(String[] protocols) {
		set((engine) -> engine.setEnabledProtocols(protocols));
	}

	@Override
	public void setNeedClientAuth(boolean need) {
		set((engine) -> engine.setNeedClientAuth(need));
	}

	@Override
	public void setWantClientAuth(boolean want) {
		set((engine) -> engine.setWantClientAuth(want));
	}

	@Override
	public void setEnableSessionCreation(boolean flag) {
		set((engine) -> engine.setEnableSessionCreation(flag));
	}

	@Override
	public void setSSLParameters(SSLParameters params) {
		// The policy's engine narrows the object it is given: a server engine gets the
		// caller's own.
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
	public void setHandshakeApplicationProtocolSelector(BiFunction<SSLEngine, List<String>, String> selector) {
		set((engine) -> engine.setHandshakeApplicationProtocolSelector(selector));
	}

}
