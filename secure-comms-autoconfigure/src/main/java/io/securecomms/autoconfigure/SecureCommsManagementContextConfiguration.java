package io.securecomms.autoconfigure;

import io.securecomms.server.ManagementTlsCustomizer;
import io.securecomms.server.TomcatHardening;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The management port's own web server lives in a child context that does not see the application's
 * customizers: this configuration, loaded into that child, hardens it with the parent's policy.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnClass(TomcatWebServerFactory.class)
@ConditionalOnBean(TomcatHardening.class)
class SecureCommsManagementContextConfiguration {

	@Bean
	ManagementTlsCustomizer secureCommsManagementTlsCustomizer(TomcatHardening hardening,
			SecureCommsProperties properties, Environment environment, SslBundles bundles) {
		return new ManagementTlsCustomizer(hardening, properties.getManagement().getClientAuth(),
				() -> Binder.get(environment).bind("server.ssl", Ssl.class).orElse(null), bundles);
	}

}
