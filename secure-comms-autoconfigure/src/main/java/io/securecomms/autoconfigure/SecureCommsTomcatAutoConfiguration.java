package io.securecomms.autoconfigure;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.server.AllowedClients;
import io.securecomms.server.ServerHardening;
import io.securecomms.server.HardeningCustomizer;
import io.securecomms.server.ListenerTls;
import io.securecomms.server.TomcatHardening;
import io.securecomms.server.UncoveredWebServerCheck;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hardens the embedded Tomcat: TLS policy on every connector, plaintext refused, HSTS,
 * optional redirect port. Any other web server is reported as not covered rather than
 * left alone in silence.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsTomcatAutoConfiguration {

	@Bean
	UncoveredWebServerCheck secureCommsUncoveredWebServerCheck(SecureCommsProperties properties,
			PolicyViolations violations) {
		return new UncoveredWebServerCheck(violations, properties.getServer().isRequireTls());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TomcatWebServerFactory.class)
	static class TomcatConfiguration {

		@Bean
		TomcatHardening secureCommsTomcatHardening(SecureCommsProperties properties, TlsPolicy policy,
				PolicyViolations violations, HandshakeEvents events, ObjectProvider<SslBundles> bundles) {
			return new TomcatHardening(ServerHardening.of(policy, violations, events,
					properties.getServer().getHsts().toPolicy(), bundles.getIfAvailable(),
					properties.getServer().getEngine(), properties.getServer().isOcspStapling()));
		}

		@Bean
		HardeningCustomizer secureCommsTomcatCustomizer(SecureCommsProperties properties, TomcatHardening hardening) {
			SecureCommsProperties.Server server = properties.getServer();
			return new HardeningCustomizer(hardening,
					new ListenerTls(Channel.SERVER, "server.ssl", server.isRequireTls(), server.getClientAuth(),
							"secure.comms.server.client-auth",
							AllowedClients.of("secure.comms.server.allowed-clients", server.getAllowedClients())),
					server.getHttpRedirectPort(), server.getHttpRedirectHost());
		}

	}

}
