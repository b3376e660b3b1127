package io.securecomms.autoconfigure;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.server.AllowedClients;
import io.securecomms.server.ListenerTls;
import io.securecomms.server.ServerHardening;
import io.securecomms.server.jetty.JettyHardening;
import io.securecomms.server.jetty.JettyHardeningCustomizer;
import org.eclipse.jetty.server.Server;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Hardens Jetty (servlet or WebFlux) as Tomcat is: TLS required, the policy on its TLS,
 * weak certificates refused, HSTS, handshakes counted.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnClass({ JettyWebServerFactory.class, Server.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsJettyAutoConfiguration {

	@Bean
	JettyHardening secureCommsJettyHardening(SecureCommsProperties properties, TlsPolicy policy,
			PolicyViolations violations, HandshakeEvents events, ObjectProvider<SslBundles> bundles) {
		return new JettyHardening(ServerHardening.of(policy, violations, events,
				properties.getServer().getHsts().toPolicy(), bundles.getIfAvailable(),
				properties.getServer().getEngine(), properties.getServer().isOcspStapling()));
	}

	@Bean
	JettyHardeningCustomizer secureCommsJettyCustomizer(SecureCommsProperties properties, JettyHardening hardening) {
		SecureCommsProperties.Server server = properties.getServer();
		ListenerTls listener = new ListenerTls(Channel.SERVER, "server.ssl", server.isRequireTls(),
				server.getClientAuth(), "secure.comms.server.client-auth",
				AllowedClients.of("secure.comms.server.allowed-clients", server.getAllowedClients()));
		return new JettyHardeningCustomizer(hardening, (factory) -> listener, server.getHttpRedirectPort());
	}

}
