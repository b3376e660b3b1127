package io.securecomms.bench;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatServletManagementContextAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet application {@code bench/server-tls.sh} measures with {@code SERVER=jetty}:
 * Spring MVC on Jetty, actuator and the starter, answering {@code GET /api/hello} like
 * the sample application, on the same bench PKI as {@link WebFluxBenchServer}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
		exclude = { TomcatServletWebServerAutoConfiguration.class,
				TomcatServletManagementContextAutoConfiguration.class },
		excludeName = { "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration" })
public class JettyBenchServer {

	public static void main(String[] args) throws Exception {
		WebFluxBenchServer.run(JettyBenchServer.class, WebApplicationType.SERVLET, args);
	}

	@RestController
	static class Hello {

		@GetMapping("/api/hello")
		String hello() {
			return "hello";
		}

	}

}
