package io.securecomms.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.testsupport.ServerPki;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The WebFlux application {@code bench/server-tls.sh} measures with {@code SERVER=webflux}: Reactor Netty, actuator
 * and the starter, answering {@code GET /api/hello} like the sample application. Its certificates are generated
 * into {@code -Dbench.pki.dir} by the first instance (the second finds them there). Arguments are Spring Boot
 * command-line properties ({@code --server.port=...}, {@code --secure.comms.enabled=false}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = { TomcatReactiveWebServerAutoConfiguration.class,
		TomcatReactiveManagementContextAutoConfiguration.class },
		excludeName = { "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
				"org.springframework.boot.mongodb.autoconfigure.MongoReactiveAutoConfiguration" })
public class WebFluxBenchServer {

	public static void main(String[] args) throws Exception {
		Path directory = Path.of(System.getProperty("bench.pki.dir", "target/bench-pki"));
		if (!Files.exists(directory.resolve("ca.crt"))) {
			Files.createDirectories(directory);
			ServerPki.create(directory);
		}
		List<String> properties = new ArrayList<>(new ServerPki(directory, null).serverSsl());
		properties.add("spring.main.banner-mode=off");
		new SpringApplicationBuilder(WebFluxBenchServer.class).web(WebApplicationType.REACTIVE)
			.properties(properties.toArray(String[]::new))
			.run(args);
	}

	@RestController
	static class Hello {

		@GetMapping("/api/hello")
		Mono<String> hello() {
			return Mono.just("hello");
		}

	}

}
