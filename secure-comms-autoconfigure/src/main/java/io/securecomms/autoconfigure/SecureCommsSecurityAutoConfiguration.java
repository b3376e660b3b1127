package io.securecomms.autoconfigure;

import java.util.List;

import io.securecomms.server.ClientCertificatePrincipal;
import io.securecomms.server.HstsPolicy;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity.HeaderSpec.HstsSpec;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.web.server.authentication.ReactivePreAuthenticatedAuthenticationManager;

/**
 * With Spring Security, its own HSTS header writer uses the same values as secure-comms,
 * so every filter chain the application builds agrees with the policy (and the header is
 * written once); and a verified client certificate authenticates the request, its
 * identity ({@link ClientCertificatePrincipal}) becoming the principal. For servlet
 * applications ({@code HttpSecurity}) and WebFlux ones ({@code ServerHttpSecurity})
 * alike: Spring Security applies every {@code Customizer<HttpSecurity>} bean to the
 * {@code HttpSecurity} it hands out ({@code HttpSecurityConfiguration}), and every
 * {@code Customizer<ServerHttpSecurity>} bean to the {@code ServerHttpSecurity} it hands
 * out ({@code ServerHttpSecurityConfiguration}), before the application's own
 * configuration, so a chain's own settings still win.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class,
		afterName = "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration")
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsSecurityAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpSecurity.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	static class ServletSecurityConfiguration {

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
		 * authenticated as its certificate's identity (SPIFFE ID, else first SAN DNS
		 * name, else subject DN).
		 */
		@Bean
		@ConditionalOnBooleanProperty(name = "secure.comms.server.x509-principal", matchIfMissing = true)
		Customizer<HttpSecurity> secureCommsX509Customizer() {
			return (http) -> http.x509((x509) -> x509.x509PrincipalExtractor(ClientCertificatePrincipal::of)
				.userDetailsService(CertificateUsers::of));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ServerHttpSecurity.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class ReactiveSecurityConfiguration {

		@Bean
		Customizer<ServerHttpSecurity> secureCommsReactiveHstsCustomizer(SecureCommsProperties properties) {
			HstsPolicy hsts = properties.getServer().getHsts().toPolicy();
			return (http) -> http.headers((headers) -> {
				if (hsts.enabled()) {
					headers.hsts((writer) -> writer.maxAge(hsts.maxAge())
						.includeSubdomains(hsts.includeSubdomains())
						.preload(hsts.preload()));
				}
			});
		}

		/**
		 * X.509 authentication on every WebFlux filter chain: the certificate that the
		 * web server verified in the handshake (the request's {@code SslInfo}, filled by
		 * Reactor Netty and by Jetty) authenticates the request as its identity, with the
		 * same names as on a servlet chain. A request without one passes on
		 * unauthenticated, to the chain's other mechanisms.
		 */
		@Bean
		@ConditionalOnBooleanProperty(name = "secure.comms.server.x509-principal", matchIfMissing = true)
		Customizer<ServerHttpSecurity> secureCommsReactiveX509Customizer() {
			return (http) -> http.x509((x509) -> x509.principalExtractor(ClientCertificatePrincipal::of)
				.authenticationManager(clientCertificateAuthentication()));
		}

		private static ReactiveAuthenticationManager clientCertificateAuthentication() {
			return new ReactivePreAuthenticatedAuthenticationManager((name) -> Mono.just(CertificateUsers.of(name)));
		}

		/**
		 * WebFlux on Jetty is served through Spring's servlet adapter, whose response
		 * headers do not show the {@code Strict-Transport-Security} header that the
		 * starter's Jetty hardening puts on every TLS response before the application
		 * runs, so Spring Security's writer would send a second one. There the server's
		 * header, with the same values, is the only one. (Reactor Netty's and Tomcat's
		 * adapters show it, and Spring Security's writer leaves it alone.)
		 */
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnBean(type = "org.springframework.boot.jetty.reactive.JettyReactiveWebServerFactory")
		@ConditionalOnBooleanProperty(name = "secure.comms.server.hsts.enabled", matchIfMissing = true)
		static class JettyHstsConfiguration {

			@Bean
			Customizer<ServerHttpSecurity> secureCommsJettyReactiveHstsCustomizer() {
				return (http) -> http.headers((headers) -> headers.hsts(HstsSpec::disable));
			}

		}

	}

	/**
	 * The user a verified client certificate authenticates as: its identity, with no
	 * password and no authorities, so that the application authorizes by name. Nothing is
	 * looked up: the handshake verified the certificate (the port's trust store, then its
	 * allow-list if any). A class of its own so that this auto-configuration loads
	 * without Spring Security.
	 */
	private static final class CertificateUsers {

		private CertificateUsers() {
		}

		static UserDetails of(String name) {
			return User.withUsername(name).password("").authorities(List.of()).build();
		}

	}

}
