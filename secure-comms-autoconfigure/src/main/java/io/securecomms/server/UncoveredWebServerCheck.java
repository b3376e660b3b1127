package io.securecomms.server;

import java.util.List;

import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.Violation;

import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Says out loud that a web server other than Tomcat, Reactor Netty and Jetty (a future
 * one) is not hardened: the starter has adapters for those three only, and silence would
 * let such a server listen with whatever TLS it was given. The covered servers are
 * recognised by class name, so this runs where they are not on the class path.
 */
public final class UncoveredWebServerCheck
		implements WebServerFactoryCustomizer<ConfigurableWebServerFactory>, Ordered {

	static final String TOMCAT_FACTORY = "org.springframework.boot.tomcat.TomcatWebServerFactory";

	static final String NETTY_FACTORY = "org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory";

	static final String JETTY_FACTORY = "org.springframework.boot.jetty.JettyWebServerFactory";

	private static final List<String> COVERED = List.of(TOMCAT_FACTORY, NETTY_FACTORY, JETTY_FACTORY);

	private final PolicyViolations violations;

	private final boolean requireTls;

	public UncoveredWebServerCheck(PolicyViolations violations, boolean requireTls) {
		this.violations = violations;
		this.requireTls = requireTls;
	}

	@Override
	public void customize(ConfigurableWebServerFactory factory) {
		this.violations.handle(check(factory, this.requireTls));
	}

	static List<Violation> check(WebServerFactory factory, boolean requireTls) {
		if (!requireTls || isCovered(factory.getClass())) {
			return List.of();
		}
		String server = serverName(factory.getClass());
		return List.of(Violation.insecure("web server", server + " (" + factory.getClass().getName() + ")",
				"secure-comms does not cover " + server + " yet: its TLS protocols, cipher suites, certificate "
						+ "checks, HSTS and handshake meters are left as they are",
				"Run the application on Tomcat (spring-boot-starter-tomcat), Jetty (spring-boot-starter-jetty) or "
						+ "Reactor Netty (spring-boot-starter-webflux without another server), or, accepting that "
						+ server
						+ " is not checked, set secure.comms.server.require-tls=false (or secure.comms.mode=report "
						+ "meanwhile)"));
	}

	private static boolean isCovered(Class<?> type) {
		for (Class<?> current = type; current != null; current = current.getSuperclass()) {
			if (COVERED.contains(current.getName())) {
				return true;
			}
		}
		return false;
	}

	static String serverName(Class<?> factoryType) {
		String name = factoryType.getName();
		if (name.contains("Netty")) {
			return "Reactor Netty";
		}
		if (name.contains("Jetty")) {
			return "Jetty";
		}
		if (name.contains("Undertow")) {
			return "Undertow";
		}
		return factoryType.getSimpleName();
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
