package io.securecomms.middleware;

import java.security.KeyManagementException;
import java.security.Provider;
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
 * A JCA provider whose only {@code SSLContext} ("TLS") is one {@link PolicySslContext}:
 * for clients that take no {@code SSLContext} but let Netty's {@code SslContextBuilder}
 * pick one by provider (Lettuce), so that every engine still comes from
 * {@link PolicySslContext#createSSLEngine(String, int)} and its handshake is observed.
 * The key and trust managers Netty passes to {@code init} are ignored: trust and identity
 * are the policy's.
 */
public final class PolicySslContextProvider extends Provider {

	private static final String PROTOCOL = "TLS";

	public PolicySslContextProvider(PolicySslContext context) {
		super("secure-comms", "1.0", "secure-comms policy SSL context");
		putService(new Service(this, "SSLContext", PROTOCOL, Delegating.class.getName(), null, null) {

			@Override
			public Object newInstance(Object constructorParameter) {
				return new Delegating(context);
			}

		});
	}

	/** Everything goes to the policy context; {@code init} changes nothing. */
	static final class Delegating extends SSLContextSpi {

		private final SSLContext context;

		Delegating(SSLContext context) {
			this.context = context;
		}

		@Override
		protected void engineInit(KeyManager[] keyManagers, TrustManager[] trustManagers, SecureRandom random)
				throws KeyManagementException {
			// The policy context is initialised already, with the bundles' trust and
			// identity.
		}

		@Override
		protected SSLSocketFactory engineGetSocketFactory() {
			return this.context.getSocketFactory();
		}

		@Override
		protected SSLServerSocketFactory engineGetServerSocketFactory() {
			return this.context.getServerSocketFactory();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine() {
			return this.context.createSSLEngine();
		}

		@Override
		protected SSLEngine engineCreateSSLEngine(String host, int port) {
			return this.context.createSSLEngine(host, port);
		}

		@Override
		protected SSLSessionContext engineGetServerSessionContext() {
			return this.context.getServerSessionContext();
		}

		@Override
		protected SSLSessionContext engineGetClientSessionContext() {
			return this.context.getClientSessionContext();
		}

		@Override
		protected SSLParameters engineGetDefaultSSLParameters() {
			return this.context.getDefaultSSLParameters();
		}

		@Override
		protected SSLParameters engineGetSupportedSSLParameters() {
			return this.context.getSupportedSSLParameters();
		}

	}

}
