package io.securecomms.autoconfigure;

import io.securecomms.server.AllowedClients;
import io.securecomms.server.ManagementListener;
import io.securecomms.server.ManagementTlsCustomizer;
import io.securecomms.server.TomcatHardening;
import io.securecomms.server.jetty.JettyHardening;
import io.securecomms.server.jetty.JettyHardeningCustomizer;
import io.securecomms.server.netty.NettyHardening;
import io.securecomms.server.netty.NettyHardeningCustomizer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The management port's own web server lives in a child context that does not see the
 * application's customizers: this configuration, loaded into that child, hardens it with
 * the parent's policy, on Tomcat or on Reactor Netty or on Jetty.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
class SecureCommsManagementContextConfiguration {

	private static @Nullable Ssl serverSsl(Environment environment) {
		return Binder.get(environment).bind("server.ssl", Ssl.class).orElse(null);
	}

	private static AllowedClients allowedClients(SecureCommsProperties properties) {
		return AllowedClients.of("secure.comms.management.allowed-clients",
				properties.getManagement().getAllowedClients());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TomcatWebServerFactory.class)
	@ConditionalOnBean(TomcatHardening.class)
	static class TomcatManagementConfiguration {

		@Bean
		ManagementTlsCustomizer secureCommsManagementTlsCustomizer(TomcatHardening hardening,
				SecureCommsProperties properties, Environment environment, SslBundles bundles) {
			return new ManagementTlsCustomizer(hardening, properties.getManagement().getClientAuth(),
					() -> serverSsl(environment), bundles, allowedClients(properties));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(NettyReactiveWebServerFactory.class)
	@ConditionalOnBean(NettyHardening.class)
	static class NettyManagementConfiguration {

		@Bean
		NettyHardeningCustomizer secureCommsNettyManagementCustomizer(NettyHardening hardening,
				SecureCommsProperties properties, Environment environment, SslBundles bundles) {
			return new NettyHardeningCustomizer(hardening,
					(factory) -> ManagementListener.inherit(factory, () -> serverSsl(environment), bundles,
							properties.getManagement().getClientAuth(), allowedClients(properties)),
					null);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(JettyWebServerFactory.class)
	@ConditionalOnBean(JettyHardening.class)
	static class JettyManagementConfiguration {

		@Bean
		JettyHardeningCustomizer secureCommsJettyManagementCustomizer(JettyHardening hardening,
				SecureCommsProperties properties, Environment environment, SslBundles bundles) {
			return new JettyHardeningCustomizer(hardening,
					(factory) -> ManagementListener.inherit(factory, () -> serverSsl(environment), bundles,
							properties.getManagement().getClientAuth(), allowedClients(properties)),
					null);
		}

	}

}
