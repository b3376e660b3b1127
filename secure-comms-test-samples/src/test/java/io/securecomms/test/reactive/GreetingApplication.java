package io.securecomms.test.reactive;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A WebFlux application as a user writes it: the starter, a reactive controller, served
 * by Reactor Netty. Its tests are written as they were before secure-comms;
 * {@code secure-comms-test} on the test class path makes them pass over HTTPS.
 * <p>
 * The exclusions exist only because this module's test class path also holds Spring MVC
 * and Tomcat for the other applications, and JDBC and Redis for the container tests: a
 * WebFlux application with {@code spring-boot-starter-webflux} alone needs none of them.
 */
@SpringBootApplication(exclude = { DataSourceAutoConfiguration.class, DataRedisAutoConfiguration.class,
		TomcatReactiveWebServerAutoConfiguration.class, TomcatReactiveManagementContextAutoConfiguration.class })
public class GreetingApplication {

	public static void main(String[] args) {
		SpringApplication.run(GreetingApplication.class, args);
	}

	@RestController
	static class GreetingController {

		@GetMapping("/greeting")
		Mono<String> greeting() {
			return Mono.just("hello");
		}

	}

}
