package io.securecomms.server;

import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.TlsPolicy;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;

/**
 * Applies the {@link TlsPolicy} to every {@link SSLHostConfig} of a connector (the default host and every
 * SNI host), after Spring Boot's own SSL set-up: protocols, cipher suites in the policy's order with the
 * server's order honoured, named groups, client authentication, and handshake observation.
 */
public final class TlsConnectorCustomizer implements TomcatConnectorCustomizer {

	private final TlsPolicy policy;

	private final ClientAuth clientAuth;

	private final Channel channel;

	private final HandshakeEvents events;

	public TlsConnectorCustomizer(TlsPolicy policy, ClientAuth clientAuth, Channel channel, HandshakeEvents events) {
		this.policy = policy;
		this.clientAuth = clientAuth;
		this.channel = channel;
		this.events = events;
	}

	@Override
	public void customize(Connector connector) {
		if (!(connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol) || !protocol.isSSLEnabled()) {
			return;
		}
		protocol.setSslImplementationName(ObservingJsseImplementation.class.getName());
		InboundHandshakeObserver observer = new InboundHandshakeObserver(this.channel, this.events,
				RemoteAddressLookup.of(protocol));
		for (SSLHostConfig config : protocol.findSslHostConfigs()) {
			apply(config);
			InboundHandshakeObservers.register(config, observer);
		}
	}

	void apply(SSLHostConfig config) {
		config.setProtocols(String.join("+", this.policy.protocols()));
		// Tomcat keeps TLS 1.2 "ciphers" and TLS 1.3 "cipher suites" apart; both keep the policy's order.
		config.setCiphers(String.join(",", this.policy.tls12CipherSuites()));
		config.setCipherSuites(String.join(",", this.policy.tls13CipherSuites()));
		config.setHonorCipherOrder(true);
		config.setGroups(String.join(",", this.policy.namedGroups()));
		ClientAuth configured = ClientAuth.of(config.getCertificateVerification());
		config.setCertificateVerification(configured.atLeast(this.clientAuth).tomcatVerification());
	}

}
