package io.securecomms.server;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfig.CertificateVerification;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.TlsPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.server.Ssl;

/**
 * Applies the {@link TlsPolicy} to every {@link SSLHostConfig} of a connector (the
 * default host and every SNI host), after Spring Boot's own SSL set-up: protocols, cipher
 * suites in the policy's order with the server's order honoured, named groups, client
 * authentication, and handshake observation. When an SSL bundle is reloaded, Boot
 * replaces the host's configuration; the policy is applied again right after.
 */
public final class TlsConnectorCustomizer implements TomcatConnectorCustomizer {

	private final TlsPolicy policy;

	private final ClientAuth clientAuth;

	private final Channel channel;

	private final HandshakeEvents events;

	private final @Nullable Ssl ssl;

	private final @Nullable SslBundles bundles;

	private final AllowedClients allowedClients;

	private final ServerEngine engine;

	public TlsConnectorCustomizer(TlsPolicy policy, ClientAuth clientAuth, Channel channel, HandshakeEvents events,
			@Nullable Ssl ssl, @Nullable SslBundles bundles) {
		this(policy, clientAuth, channel, events, ssl, bundles,
				AllowedClients.none("secure.comms." + channel.tag() + ".allowed-clients"), ServerEngine.JSSE);
	}

	/**
	 * @param allowedClients which trusted client certificates are let in, checked in the
	 * handshake by the trust manager {@link ObservingJsseImplementation} wraps
	 * @param engine the TLS engine the connector runs on
	 */
	public TlsConnectorCustomizer(TlsPolicy policy, ClientAuth clientAuth, Channel channel, HandshakeEvents events,
			@Nullable Ssl ssl, @Nullable SslBundles bundles, AllowedClients allowedClients, ServerEngine engine) {
		this.allowedClients = allowedClients;
		this.engine = engine;
		this.policy = policy;
		this.clientAuth = clientAuth;
		this.channel = channel;
		this.events = events;
		this.ssl = ssl;
		this.bundles = bundles;
	}

	@Override
	public void customize(Connector connector) {
		if (!(connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol)
				|| !protocol.isSSLEnabled()) {
			return;
		}
		protocol.setSslImplementationName(ObservingJsseImplementation.class.getName());
		InboundHandshakeObserver observer = new InboundHandshakeObserver(this.channel, this.events,
				RemoteAddressLookup.of(protocol));
		for (SSLHostConfig config : protocol.findSslHostConfigs()) {
			apply(config, observer);
		}
		keepPolicyOnReload(protocol, observer);
	}

	private void apply(SSLHostConfig config, InboundHandshakeObserver observer) {
		config.setProtocols(String.join("+", this.policy.protocols()));
		// Tomcat keeps TLS 1.2 "ciphers" and TLS 1.3 "cipher suites" apart; both keep the
		// policy's order.
		config.setCiphers(String.join(",", this.policy.tls12CipherSuites()));
		config.setCipherSuites(String.join(",", this.policy.tls13CipherSuites()));
		config.setHonorCipherOrder(true);
		config.setGroups(String.join(",", this.policy.namedGroups()));
		ClientAuth configured = of(config.getCertificateVerification());
		config.setCertificateVerification(configured.atLeast(this.clientAuth).verification());
		InboundHandshakeObservers.register(config, observer, this.allowedClients, this.engine);
	}

	/**
	 * What Boot's {@code server.ssl.client-auth} asked Tomcat for; an unverified
	 * "optional" is upgraded.
	 */
	static ClientAuth of(CertificateVerification verification) {
		return switch (verification) {
			case REQUIRED -> ClientAuth.NEED;
			case OPTIONAL, OPTIONAL_NO_CA -> ClientAuth.WANT;
			default -> ClientAuth.NONE;
		};
	}

	/**
	 * Boot's own reload handler was registered before connector customizers run, so this
	 * one runs after it and finds the replacement configuration.
	 */
	private void keepPolicyOnReload(AbstractHttp11Protocol<?> protocol, InboundHandshakeObserver observer) {
		// An additional connector brings its own key material: no bundle of Boot's to
		// follow.
		if (this.bundles == null || this.ssl == null) {
			return;
		}
		if (this.ssl.getBundle() != null) {
			this.bundles.addBundleUpdateHandler(this.ssl.getBundle(),
					(bundle) -> reapply(protocol, protocol.getDefaultSSLHostConfigName(), observer));
		}
		for (Ssl.ServerNameSslBundle serverName : this.ssl.getServerNameBundles()) {
			this.bundles.addBundleUpdateHandler(serverName.bundle(),
					(bundle) -> reapply(protocol, serverName.serverName(), observer));
		}
	}

	private void reapply(AbstractHttp11Protocol<?> protocol, String hostName, InboundHandshakeObserver observer) {
		for (SSLHostConfig config : protocol.findSslHostConfigs()) {
			if (config.getHostName().equalsIgnoreCase(hostName)) {
				apply(config, observer);
				protocol.addSslHostConfig(config, true);
			}
		}
	}

}
