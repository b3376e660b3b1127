package io.securecomms.server;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.apache.tomcat.util.net.SSLContext;
import org.jspecify.annotations.Nullable;

/**
 * A Tomcat {@link SSLContext} whose engines are OpenSSL's (BoringSSL through Netty's
 * tcnative) instead of the JDK's. Tomcat still sets each engine's protocols, suites,
 * suite order and client authentication from its host configuration, which the policy has
 * written; the key and trust managers are Tomcat's (so an allow-list still applies),
 * called back by the native engine during the handshake. The named groups and the ALPN
 * protocols are the context's, since OpenSSL has no per-engine setting for them that
 * Tomcat would use.
 */
final class OpenSslTomcatContext implements SSLContext {

	private final List<String> negotiableProtocols;

	private final List<String> namedGroups;

	private @Nullable SslContext context;

	private @Nullable X509KeyManager keyManager;

	private @Nullable X509TrustManager trustManager;

	private OpenSslTomcatContext(List<String> negotiableProtocols, List<String> namedGroups) {
		this.negotiableProtocols = List.copyOf(negotiableProtocols);
		this.namedGroups = List.copyOf(namedGroups);
	}

	/**
	 * @param negotiableProtocols the ALPN protocols Tomcat offers besides HTTP/1.1 (h2
	 * when HTTP/2 is on)
	 * @param namedGroups the key exchange groups, preferred first (JDK names)
	 */
	static SSLContext create(List<String> negotiableProtocols, List<String> namedGroups) {
		return new OpenSslTomcatContext(negotiableProtocols, namedGroups);
	}

	@Override
	public void init(KeyManager[] kms, TrustManager[] tms, SecureRandom sr) throws KeyManagementException {
		this.keyManager = first(kms, X509KeyManager.class);
		this.trustManager = first(tms, X509TrustManager.class);
		if (this.keyManager == null) {
			throw new KeyManagementException("The native TLS engine needs an X.509 key manager");
		}
		SslContextBuilder builder = OpenSslServerContexts.onNativeEngine(SslContextBuilder.forServer(this.keyManager),
				this.trustManager, this.namedGroups);
		if (!this.negotiableProtocols.isEmpty()) {
			List<String> protocols = new ArrayList<>(this.negotiableProtocols);
			protocols.add(ApplicationProtocolNames.HTTP_1_1);
			builder.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
					ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
					ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols));
		}
		try {
			this.context = builder.build();
		}
		catch (SSLException ex) {
			KeyManagementException failure = new KeyManagementException(
					"The native TLS engine refused the key material or settings: " + ex.getMessage());
			failure.initCause(ex);
			throw failure;
		}
	}

	private static <T> @Nullable T first(Object @Nullable [] managers, Class<T> type) {
		if (managers == null) {
			return null;
		}
		return Arrays.stream(managers).filter(type::isInstance).map(type::cast).findFirst().orElse(null);
	}

	private SslContext context() {
		SslContext current = this.context;
		if (current == null) {
			throw new IllegalStateException("The native TLS context is not initialised");
		}
		return current;
	}

	@Override
	public void destroy() {
		this.context = null;
	}

	@Override
	public SSLSessionContext getServerSessionContext() {
		return context().sessionContext();
	}

	/**
	 * Engines Tomcat never has to release: Netty's non-reference-counted OpenSSL engines
	 * free their native state when collected.
	 */
	@Override
	public SSLEngine createSSLEngine() {
		return context().newEngine(ByteBufAllocator.DEFAULT);
	}

	@Override
	public SSLServerSocketFactory getServerSocketFactory() {
		throw new UnsupportedOperationException("The native TLS engine serves NIO connectors only");
	}

	@Override
	public SSLParameters getSupportedSSLParameters() {
		SSLEngine engine = createSSLEngine();
		return new SSLParameters(engine.getSupportedCipherSuites(), engine.getSupportedProtocols());
	}

	@Override
	public X509Certificate @Nullable [] getCertificateChain(String alias) {
		return (this.keyManager != null) ? this.keyManager.getCertificateChain(alias) : null;
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return (this.trustManager != null) ? this.trustManager.getAcceptedIssuers() : new X509Certificate[0];
	}

}
