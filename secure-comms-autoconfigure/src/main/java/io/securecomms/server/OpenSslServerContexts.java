package io.securecomms.server;

import java.util.List;

import javax.net.ssl.X509TrustManager;

import io.netty.handler.ssl.OpenSslContextOption;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.jspecify.annotations.Nullable;

/**
 * A Netty server context builder put on the native TLS engine
 * ({@link ServerEngine#OPENSSL}), for every server that runs it (Tomcat and Reactor
 * Netty): OpenSSL's engines, the server's trust manager answering refusals with OpenSSL
 * verify codes ({@link VerifyCodeTrustManager}), and the policy's named groups, which
 * OpenSSL takes per context. Loaded only once the native engine was found to load.
 */
public final class OpenSslServerContexts {

	private OpenSslServerContexts() {
	}

	/**
	 * @param trustManager the server's trust manager (the allow-list's, if any), or
	 * {@code null} when it asks for no client certificates
	 * @param namedGroups the key exchange groups, preferred first (JDK names)
	 */
	public static SslContextBuilder onNativeEngine(SslContextBuilder builder, @Nullable X509TrustManager trustManager,
			List<String> namedGroups) {
		builder.sslProvider(SslProvider.OPENSSL);
		if (trustManager != null) {
			builder.trustManager(new VerifyCodeTrustManager(trustManager));
		}
		if (!namedGroups.isEmpty()) {
			builder.option(OpenSslContextOption.GROUPS, namedGroups.toArray(String[]::new));
		}
		return builder;
	}

}
