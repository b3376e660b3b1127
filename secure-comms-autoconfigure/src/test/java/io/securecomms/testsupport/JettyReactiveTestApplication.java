package io.securecomms.testsupport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.actuate.web.server.NettyReactiveManagementContextAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.actuate.web.server.TomcatReactiveManagementContextAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The WebFlux application of {@link ReactiveTestApplication} on Jetty: Tomcat's and
 * Reactor Netty's reactive servers are left out, as in a WebFlux application with
 * {@code spring-boot-starter-jetty}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = { TomcatReactiveWebServerAutoConfiguration.class,
		TomcatReactiveManagementContextAutoConfiguration.class, NettyReactiveWebServerAutoConfiguration.class,
		NettyReactiveManagementContextAutoConfiguration.class })
@Import(ReactiveTestApplication.ReactiveHelloController.class)
public class JettyReactiveTestApplication {

}
