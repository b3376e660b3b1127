package io.securecomms.server.netty;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.tcp.AbstractProtocolSslContextSpec;
import reactor.netty.tcp.SslProvider;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.server.AllowListTrustManager;
import io.securecomms.server.AllowedClients;
import io.securecomms.server.ClientAuth;
import io.securecomms.server.OpenSslServerContexts;
import io.securecomms.server.ServerEngine;
import io.securecomms.server.ServerEngineParameters;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Http2;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerSslBundle;

/**
 * Replaces the TLS Spring Boot gave a Reactor Netty server ({@code SslServerCustomizer},
 * from {@code server.ssl}) with the same key material on the policy: the JDK's TLS
 * engines (or OpenSSL's, {@link ServerEngine#OPENSSL}), the policy's protocols and suites
 * in its order with the server's order honoured, client authentication at least as asked,
 * every SNI host alike, and each handshake observed. Added after Boot's own customizer,
 * so its {@code secure(...)} is the one that counts. When a bundle is reloaded, the new
 * key material gets the policy too. Also sends HSTS on every response.
 */
final class PolicySslServerCustomizer implements NettyServerCustomizer {

	static final String HSTS = "Strict-Transport-Security";

	private final TlsPolicy policy;

	private final ServerEngineParameters parameters;

	private final io.netty.handler.ssl.ClientAuth clientAuth;

	private final boolean http2;

	private final Channel channel;

	private final HandshakeEvents events;

	private final @Nullable String hstsHeader;

	private final AllowedClients allowedClients;

	private final ServerEngine engine;

	private volatile SslProvider defaultProvider;

	private final Map<String, SslProvider> serverNameProviders = new ConcurrentHashMap<>();

	/**
	 * @param hstsHeader the {@code Strict-Transport-Security} value, or {@code null} to
	 * send none
	 */
	PolicySslServerCustomizer(TlsPolicy policy, ClientAuth clientAuth, @Nullable Http2 http2, Channel channel,
			HandshakeEvents events, @Nullable String hstsHeader, Ssl ssl, @Nullable SslBundles bundles,
			AllowedClients allowedClients, ServerEngine engine) {
		this.allowedClients = allowedClients;
		this.engine = engine;
		this.policy = policy;
		this.parameters = new ServerEngineParameters(policy);
		this.clientAuth = switch (clientAuth) {
			case NEED -> io.netty.handler.ssl.ClientAuth.REQUIRE;
			case WANT -> io.netty.handler.ssl.ClientAuth.OPTIONAL;
			case NONE -> io.netty.handler.ssl.ClientAuth.NONE;
		};
		this.http2 = http2 != null && http2.isEnabled();
		this.channel = channel;
		this.events = events;
		this.hstsHeader = hstsHeader;
		this.defaultProvider = provider(WebServerSslBundle.get(ssl, bundles));
		for (Ssl.ServerNameSslBundle serverName : ssl.getServerNameBundles()) {
			this.serverNameProviders.put(key(serverName.serverName()),
					provider(Objects.requireNonNull(bundles, "SslBundles").getBundle(serverName.bundle())));
		}
		keepPolicyOnReload(ssl, bundles);
	}

	@Override
	public HttpServer apply(HttpServer server) {
		HttpServer secured = server.secure((spec) -> spec.sslContext(this.defaultProvider.getSslContext())
			.setSniAsyncMappings((serverName, promise) -> promise.setSuccess(providerFor(serverName))));
		if (this.hstsHeader == null) {
			return secured;
		}
		// Before the application's handler runs: its own responses, error pages and 404s
		// all carry it.
		return secured.mapHandle((handling, connection) -> {
			if (connection instanceof HttpServerResponse response) {
				response.header(HSTS, this.hstsHeader);
			}
			return handling;
		});
	}

	private SslProvider providerFor(String serverName) {
		return (serverName != null) ? this.serverNameProviders.getOrDefault(key(serverName), this.defaultProvider)
				: this.defaultProvider;
	}

	/**
	 * Registered after Boot's own reload handler: a reloaded bundle is put on the policy
	 * as well.
	 */
	private void keepPolicyOnReload(Ssl ssl, @Nullable SslBundles bundles) {
		if (bundles == null) {
			return;
		}
		if (ssl.getBundle() != null && !ssl.getBundle().isBlank()) {
			bundles.addBundleUpdateHandler(ssl.getBundle(), (bundle) -> this.defaultProvider = provider(bundle));
		}
		for (Ssl.ServerNameSslBundle serverName : ssl.getServerNameBundles()) {
			bundles.addBundleUpdateHandler(serverName.bundle(),
					(bundle) -> this.serverNameProviders.put(key(serverName.serverName()), provider(bundle)));
		}
	}

	private SslProvider provider(SslBundle bundle) {
		AbstractProtocolSslContextSpec<?> spec = this.http2
				? Http2SslContextSpec.forServer(bundle.getManagers().getKeyManagerFactory())
				: Http11SslContextSpec.forServer(bundle.getManagers().getKeyManagerFactory());
		spec.configure((builder) -> {
			if (this.engine == ServerEngine.OPENSSL) {
				OpenSslServerContexts.onNativeEngine(builder, trustManager(bundle), this.policy.namedGroups());
			}
			else {
				// The JDK's engines: the ones the policy's parameters and OCSP stapling
				// work with.
				builder.sslProvider(io.netty.handler.ssl.SslProvider.JDK);
				builder.trustManager(trustManager(bundle));
			}
			builder.protocols(this.policy.protocols());
			builder.ciphers(this.policy.cipherSuites(), IdentityCipherSuiteFilter.INSTANCE);
			builder.clientAuth(this.clientAuth);
		});
		try {
			return SslProvider.builder()
				.sslContext(new ObservedServerSslContext(spec.sslContext(), this.parameters, this.channel, this.events,
						this.engine == ServerEngine.OPENSSL))
				.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("The TLS context of the " + this.channel.tag() + " port cannot be built "
					+ "from its SSL bundle: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The bundle's trust manager, checking the allow-list once it has trusted a client's
	 * chain.
	 */
	private X509TrustManager trustManager(SslBundle bundle) {
		TrustManager[] managers = AllowListTrustManager.wrap(bundle.getManagers().getTrustManagers(),
				this.allowedClients);
		return Arrays.stream(managers)
			.filter(X509TrustManager.class::isInstance)
			.map(X509TrustManager.class::cast)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"The SSL bundle of the " + this.channel.tag() + " port has no X.509 trust manager"));
	}

	private static String key(String serverName) {
		return serverName.toLowerCase(Locale.ROOT);
	}

}
