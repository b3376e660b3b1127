package io.securecomms.testsupport;

import java.security.Principal;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Spring Security in a WebFlux test application, as an application writes it: a chain
 * that says nothing about X.509 and wants every exchange authenticated, and a resource
 * answering the principal's name ({@code /whoami}) and the authentication's name and
 * authorities ({@code /authentication}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
public class ReactiveWhoAmISecurity {

	@Bean
	SecurityWebFilterChain filterChain(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated()).build();
	}

	/** Registered as a member of this configuration. */
	@RestController
	static class WhoAmIController {

		@GetMapping("/whoami")
		Mono<String> whoami(Principal principal) {
			return Mono.just(principal.getName());
		}

		@GetMapping("/authentication")
		Mono<String> authentication(Authentication authentication) {
			return Mono.just(authentication.getName() + " " + authentication.getAuthorities());
		}

	}

}
