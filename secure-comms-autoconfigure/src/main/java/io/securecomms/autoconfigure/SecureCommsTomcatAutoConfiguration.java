package io.securecomms.autoconfigure;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.server.HardeningCustomizer;
import io.securecomms.server.ListenerTls;
import io.securecomms.server.TomcatHardening;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;

/**
 * Hardens the embedded Tomcat: TLS policy on its connector, plaintext refused, HSTS, optional redirect port.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class)
@ConditionalOnClass(TomcatWebServerFactory.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsTomcatAutoConfiguration {

	@Bean
	TomcatHardening secureCommsTomcatHardening(SecureCommsProperties properties, TlsPolicy policy,
			PolicyViolations violations, HandshakeEvents events, ObjectProvider<SslBundles> bundles) {
		return new TomcatHardening(policy, violations, events, properties.getServer().getHsts().toPolicy(),
				bundles.getIfAvailable());
	}

	@Bean
	HardeningCustomizer secureCommsTomcatCustomizer(SecureCommsProperties properties, TomcatHardening hardening) {
		SecureCommsProperties.Server server = properties.getServer();
		return new HardeningCustomizer(hardening, new ListenerTls(Channel.SERVER, "server.ssl", server.isRequireTls(),
				server.getClientAuth(), "secure.comms.server.client-auth"), server.getHttpRedirectPort());
	}

}
