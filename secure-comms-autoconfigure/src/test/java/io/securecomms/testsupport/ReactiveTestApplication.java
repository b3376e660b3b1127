package io.securecomms.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WebFlux application the Reactor Netty tests start: auto-configuration plus one
 * resource. The test class path also has Tomcat (for the servlet tests); its reactive
 * server is left out so that Reactor Netty serves, as in a WebFlux application with
 * {@code spring-boot-starter-webflux} alone.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = { TomcatReactiveWebServerAutoConfiguration.class,
		TomcatReactiveManagementContextAutoConfiguration.class })
public class ReactiveTestApplication {

	@RestController
	public static class ReactiveHelloController {

		public static final AtomicInteger calls = new AtomicInteger();

		@GetMapping("/hello")
		public Mono<String> hello() {
			return Mono.fromSupplier(() -> {
				calls.incrementAndGet();
				return "hello";
			});
		}

	}

}
