package io.securecomms.jvm;

import java.security.KeyManagementException;
import java.security.SecureRandom;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import io.securecomms.trust.PolicySslContext;

/**
 * The JVM's default {@link SSLContext} while secure-comms is installed: everything
 * client-side (sockets, client-mode engines, default parameters, the client session
 * cache) comes from the policy context of {@code channel=jvm-default}; everything
 * server-side (server sockets, an engine the caller switches to server mode, the server
 * session cache) from the default context it replaced, so a server built on
 * {@code SSLContext.getDefault()} works as it did before.
 */
final class JvmDefaultSslContext extends SSLContext {

	private JvmDefaultSslContext(PolicySslContext policy, SSLContext previous) {
		super(new Spi(policy, previous), policy.getProvider(), policy.getProtocol());
	}

	static JvmDefaultSslContext of(PolicySslContext policy, SSLContext previous) {
		return new JvmDefaultSslContext(policy, previous);
	}

	private static final class Spi extends SSLContextSpi {

		private final PolicySslContext policy;

		private final SSLContext previous;

		Spi(PolicySslContext policy, SSLContext previous) {
			this.policy = policy;
			this.previous = previous;
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
				throws KeyManagementException {
			throw new KeyManagementException("The JVM's default SSL context is secure-comms' (secure.comms.jvm-default."
					+ "enabled): it is initialised already from secure.comms.client.*");
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return this.policy.getSocketFactory();
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.previous.getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return new ModeSwitchingEngine(this.policy.createSSLEngine(), this.previous::createSSLEngine);
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return new ModeSwitchingEngine(this.policy.createSSLEngine(host, port),
					() -> this.previous.createSSLEngine(host, port));
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.previous.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.policy.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return this.policy.getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.policy.getSupportedSSLParameters();
		}

	}

}
