package io.securecomms.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatServletManagementContextAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The servlet application of {@link TestApplication} on Jetty: the Jetty tests' class
 * path also has Tomcat; its servlet server is left out so that Jetty serves, as in an
 * application with {@code spring-boot-starter-jetty} instead of Tomcat.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = { TomcatServletWebServerAutoConfiguration.class,
		TomcatServletManagementContextAutoConfiguration.class })
@Import(TestApplication.HelloController.class)
public class JettyTestApplication {

}
