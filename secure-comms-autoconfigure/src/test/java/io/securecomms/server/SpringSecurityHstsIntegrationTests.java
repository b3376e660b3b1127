package io.securecomms.server;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.testsupport.ServerPki;
import io.securecomms.testsupport.TestApplication;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Security's header writer in the chain, the HSTS header still comes once,
 * with the starter's values, on secured and unsecured paths alike.
 */
class SpringSecurityHstsIntegrationTests {

	@TempDir
	static Path directory;

	@Test
	void oneHstsHeaderWithTheConfiguredValues() throws Exception {
		ServerPki pki = ServerPki.create(directory);
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(List.of("server.port=0", "secure.comms.server.hsts.max-age=400d",
				"secure.comms.server.hsts.include-subdomains=false", "spring.main.banner-mode=off"));
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(TestApplication.class,
				SecurityConfiguration.class)
			.properties(properties.toArray(String[]::new))
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			for (String path : List.of("/hello", "/denied")) {
				HttpResponse<String> response = pki.client().get("https://localhost:" + port + path);
				assertThat(response.headers().firstValue("X-Content-Type-Options")).as("Security's headers run")
					.hasValue("nosniff");
				assertThat(response.headers().allValues("Strict-Transport-Security")).as(path)
					.containsExactly("max-age=34560000");
			}
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class SecurityConfiguration {

		@Bean
		SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
			return http
				.authorizeHttpRequests(
						(requests) -> requests.requestMatchers("/hello").permitAll().anyRequest().denyAll())
				.build();
		}

	}

}
