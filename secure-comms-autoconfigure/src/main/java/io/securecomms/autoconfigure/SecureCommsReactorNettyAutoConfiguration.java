package io.securecomms.autoconfigure;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.server.AllowedClients;
import io.securecomms.server.ServerHardening;
import io.securecomms.server.ListenerTls;
import io.securecomms.server.netty.NettyHardening;
import io.securecomms.server.netty.NettyHardeningCustomizer;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Hardens Reactor Netty (every WebFlux application's server unless another is chosen) as
 * Tomcat is: TLS required, the policy on its TLS, weak certificates refused, HSTS,
 * handshakes counted.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass({ NettyReactiveWebServerFactory.class, HttpServer.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsReactorNettyAutoConfiguration {

	@Bean
	NettyHardening secureCommsNettyHardening(SecureCommsProperties properties, TlsPolicy policy,
			PolicyViolations violations, HandshakeEvents events, ObjectProvider<SslBundles> bundles) {
		return new NettyHardening(ServerHardening.of(policy, violations, events,
				properties.getServer().getHsts().toPolicy(), bundles.getIfAvailable(),
				properties.getServer().getEngine(), properties.getServer().isOcspStapling()));
	}

	@Bean
	NettyHardeningCustomizer secureCommsNettyCustomizer(SecureCommsProperties properties, NettyHardening hardening) {
		SecureCommsProperties.Server server = properties.getServer();
		ListenerTls listener = new ListenerTls(Channel.SERVER, "server.ssl", server.isRequireTls(),
				server.getClientAuth(), "secure.comms.server.client-auth",
				AllowedClients.of("secure.comms.server.allowed-clients", server.getAllowedClients()));
		return new NettyHardeningCustomizer(hardening, (factory) -> listener, server.getHttpRedirectPort());
	}

}
