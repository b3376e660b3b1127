package io.securecomms.autoconfigure;

import java.util.List;

import io.securecomms.server.ClientCertificatePrincipal;
import io.securecomms.server.HstsPolicy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;

/**
 * With Spring Security, its own HSTS header writer uses the same values as secure-comms,
 * so every filter chain the application builds agrees with the policy (and the header is
 * written once); and a verified client certificate authenticates the request, its
 * identity ({@link ClientCertificatePrincipal}) becoming the principal.
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

	/**
	 * X.509 authentication on every filter chain: a request over mutual TLS is
	 * authenticated as its certificate's identity (SPIFFE ID, else first SAN DNS name,
	 * else subject DN), with no password and no authorities, so that the application can
	 * authorize by name. The certificate was verified in the handshake (the server's
	 * trust store, then the allow-list if any); nothing is looked up.
	 */
	@Bean
	@ConditionalOnBooleanProperty(name = "secure.comms.server.x509-principal", matchIfMissing = true)
	Customizer<HttpSecurity> secureCommsX509Customizer() {
		return (http) -> http.x509((x509) -> x509.x509PrincipalExtractor(ClientCertificatePrincipal::of)
			.userDetailsService((name) -> User.withUsername(name).password("").authorities(List.of()).build()));
	}

}
