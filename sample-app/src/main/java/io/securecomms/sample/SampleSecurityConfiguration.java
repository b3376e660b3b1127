package io.securecomms.sample;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * Spring Security for its response headers, not for logins: every response carries
 * {@code X-Content-Type-Options}, {@code X-Frame-Options}, {@code Cache-Control}, a
 * {@code Content-Security-Policy} that allows nothing (the sample serves JSON only) and
 * {@code Referrer-Policy}, and HSTS once, with the starter's values (the starter hands
 * Security's HSTS writer its settings).
 * <p>
 * Who may call: the API ({@code /api/**}) answers anyone who reaches it over TLS, as in
 * the README's walkthrough; the actuator endpoints are on the management port, whose
 * callers the TLS handshake has already authenticated (mutual TLS, the development client
 * certificate); everything else is refused. No login, no session, no user: with nothing
 * that authenticates a browser (no cookie, no session), there is nothing for a forged
 * cross-site request to ride on, so CSRF tokens are not asked for.
 */
@Configuration(proxyBeanMethods = false)
class SampleSecurityConfiguration {

	@Bean
	SecurityFilterChain sampleSecurity(HttpSecurity http) throws Exception {
		return http
			.authorizeHttpRequests((requests) -> requests.dispatcherTypeMatchers(DispatcherType.ERROR)
				.permitAll()
				.requestMatchers("/api/**")
				.permitAll()
				.requestMatchers(EndpointRequest.toAnyEndpoint())
				.permitAll()
				.anyRequest()
				.denyAll())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.headers((headers) -> headers
				.contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.build();
	}

	/**
	 * No users: nobody logs in (and Boot does not generate a user with a password to
	 * log).
	 */
	@Bean
	UserDetailsService noUsers() {
		return new InMemoryUserDetailsManager();
	}

}
