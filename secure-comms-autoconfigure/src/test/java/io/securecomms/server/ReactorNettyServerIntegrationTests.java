package io.securecomms.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.securecomms.autoconfigure.SecureCommsAutoConfiguration;
import io.securecomms.autoconfigure.SecureCommsTomcatAutoConfiguration;
import io.securecomms.policy.PolicyViolations;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A WebFlux application on Reactor Netty: the starter has no adapter for it, and says so instead of leaving it
 * alone in silence.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactorNettyServerIntegrationTests {

	@Test
	void enforceModeStopsStartupNamingTheServer(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("secure.comms.mode=enforce"));

		assertThat(output).contains("APPLICATION FAILED TO START", "web server = 'Reactor Netty (",
				"secure-comms does not cover Reactor Netty yet", "Run the application on Tomcat",
				"secure.comms.server.require-tls=false");
	}

	@Test
	void reportModeRunsWithTheViolationCounted(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = start("secure.comms.mode=report")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
						HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).as("the uncovered server runs as it was written").isEqualTo(200);
			assertThat(context.getBean(PolicyViolations.class).reported()).singleElement()
				.satisfies((violation) -> assertThat(violation.problem()).contains("does not cover Reactor Netty"));
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: web server=Reactor Netty");
		}
	}

	private static ConfigurableApplicationContext start(String mode) {
		return new SpringApplicationBuilder(ReactiveApplication.class)
			.properties("spring.main.web-application-type=reactive", "server.port=0", "spring.main.banner-mode=off", mode)
			.run();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ SecureCommsAutoConfiguration.class, SecureCommsTomcatAutoConfiguration.class,
			NettyReactiveWebServerAutoConfiguration.class })
	static class ReactiveApplication {

		@Bean
		HttpHandler httpHandler() {
			return (request, response) -> response.setComplete();
		}

	}

}
