package io.securecomms.testsupport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.catalina.connector.Connector;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The {@link TestApplication} started for real, on random ports.
 */
public final class RunningApp implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private RunningApp(ConfigurableApplicationContext context) {
		this.context = context;
	}

	public static RunningApp start(List<String> properties) {
		return start(List.of(), properties);
	}

	/**
	 * The application with {@code configurations} (say, a test's own web server
	 * customizer) added.
	 */
	public static RunningApp start(List<Class<?>> configurations, List<String> properties) {
		List<Class<?>> sources = new ArrayList<>(List.of(TestApplication.class));
		sources.addAll(configurations);
		return new RunningApp(
				new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).properties(defaults(properties)).run());
	}

	private static String[] defaults(List<String> properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "spring.main.banner-mode=off",
				"management.endpoints.web.exposure.include=health,metrics,prometheus"));
		all.addAll(properties);
		return all.toArray(String[]::new);
	}

	/**
	 * The WebFlux {@link ReactiveTestApplication} on Reactor Netty, with
	 * {@code configurations} added.
	 */
	public static RunningApp startReactive(List<Class<?>> configurations, List<String> properties) {
		return startOn(ReactiveTestApplication.class, WebApplicationType.REACTIVE, configurations, properties);
	}

	/**
	 * The servlet {@link JettyTestApplication} on Jetty, with {@code configurations}
	 * added.
	 */
	public static RunningApp startJetty(List<Class<?>> configurations, List<String> properties) {
		return startOn(JettyTestApplication.class, WebApplicationType.SERVLET, configurations, properties);
	}

	/**
	 * The WebFlux {@link JettyReactiveTestApplication} on Jetty, with
	 * {@code configurations} added.
	 */
	public static RunningApp startJettyReactive(List<Class<?>> configurations, List<String> properties) {
		return startOn(JettyReactiveTestApplication.class, WebApplicationType.REACTIVE, configurations, properties);
	}

	private static RunningApp startOn(Class<?> application, WebApplicationType type, List<Class<?>> configurations,
			List<String> properties) {
		List<Class<?>> sources = new ArrayList<>(List.of(application));
		sources.addAll(configurations);
		return new RunningApp(new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).web(type)
			.properties(defaults(properties))
			.run());
	}

	public static RunningApp start(String... properties) {
		return start(Arrays.asList(properties));
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	/** The HTTPS port. */
	public int port() {
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	public int managementPort() {
		return this.context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
	}

	/** The plaintext redirect connector's port. */
	public int redirectPort() {
		TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) this.context).getWebServer();
		for (Connector connector : server.getTomcat().getService().findConnectors()) {
			if (!connector.getSecure()) {
				return connector.getLocalPort();
			}
		}
		throw new IllegalStateException("No plaintext connector");
	}

	@Override
	public void close() {
		this.context.close();
	}

}
