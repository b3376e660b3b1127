package io.securecomms.server;

import java.nio.file.Path;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.testsupport.ServerPki;
import io.securecomms.testsupport.TestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security, the client certificate's identity is the request's principal: an
 * application authorizes by it without configuring X.509 itself.
 */
class X509PrincipalIntegrationTests extends X509PrincipalContract {

	@TempDir
	static Path directory;

	static ServerPki pki;

	static ConfigurableApplicationContext context;

	static int port;

	@BeforeAll
	static void start() {
		pki = ServerPki.create(directory).withWorkloadClients();
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties
			.addAll(List.of("server.port=0", "secure.comms.server.client-auth=want", "spring.main.banner-mode=off"));
		context = new SpringApplicationBuilder(TestApplication.class, SecurityConfiguration.class)
			.properties(properties.toArray(String[]::new))
			.run();
		port = ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Override
	protected ServerPki pki() {
		return pki;
	}

	@Override
	protected int port() {
		return port;
	}

	@Override
	protected int unauthenticatedStatus() {
		return 403;
	}

	@Test
	void withoutNamesTheSubjectDnIsThePrincipal() throws Exception {
		assertThat(whoami(pki.clientWithCertificate())).isEqualTo("O=secure-comms tests,CN=test-client");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class SecurityConfiguration {

		@Bean
		SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated()).build();
		}

		@Bean
		WhoAmIController whoAmIController() {
			return new WhoAmIController();
		}

	}

	@RestController
	static class WhoAmIController {

		@GetMapping("/whoami")
		String whoami(Principal principal) {
			return principal.getName();
		}

	}

}
