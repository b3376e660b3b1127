package io.securecomms.autoconfigure;

import io.securecomms.server.HstsPolicy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * With Spring Security, its own HSTS header writer uses the same values as secure-comms,
 * so every filter chain the application builds agrees with the policy (and the header is
 * written once).
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class)
@ConditionalOnClass(HttpSecurity.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsSecurityAutoConfiguration {

	@Bean
	Customizer<HttpSecurity> secureCommsHstsCustomizer(SecureCommsProperties properties) {
		HstsPolicy hsts = properties.getServer().getHsts().toPolicy();
		return (http) -> http.headers((headers) -> {
			if (hsts.enabled()) {
				headers.httpStrictTransportSecurity((writer) -> writer.maxAgeInSeconds(hsts.maxAge().toSeconds())
					.includeSubDomains(hsts.includeSubdomains())
					.preload(hsts.preload()));
			}
		});
	}

}
