package io.securecomms.bench;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet application {@code bench/server-engines.sh} measures: Spring MVC on Tomcat,
 * actuator and the starter, answering {@code GET /api/hello} like the sample application,
 * on the bench PKI ({@code -Dbench.key=rsa|ec} picks the server certificate), with
 * {@code --secure.comms.server.engine=jsse|openssl}. Run from the test class path, which
 * has the native library.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration",
		"org.springframework.boot.jetty.autoconfigure.servlet.JettyServletWebServerAutoConfiguration",
		"org.springframework.boot.jetty.autoconfigure.actuate.web.server.JettyServletManagementContextAutoConfiguration" })
public class TomcatBenchServer {

	public static void main(String[] args) throws Exception {
		WebFluxBenchServer.run(TomcatBenchServer.class, WebApplicationType.SERVLET, args);
	}

	@RestController
	static class Hello {

		@GetMapping("/api/hello")
		String hello() {
			return "hello";
		}

	}

}
