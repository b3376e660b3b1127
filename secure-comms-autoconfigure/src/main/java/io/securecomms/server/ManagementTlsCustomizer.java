package io.securecomms.server;

import java.util.function.Supplier;

import io.securecomms.metrics.Channel;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Hardens a separate management port. Spring Boot gives it TLS only from {@code management.server.ssl};
 * when that is absent, this inherits the application's {@code server.ssl} (a fresh copy, so the two never
 * share state). Runs after Boot's management customizer has set the port and SSL.
 */
public final class ManagementTlsCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	private final TomcatHardening hardening;

	private final ClientAuth clientAuth;

	private final Supplier<Ssl> serverSsl;

	private final SslBundles bundles;

	public ManagementTlsCustomizer(TomcatHardening hardening, ClientAuth clientAuth, Supplier<Ssl> serverSsl,
			SslBundles bundles) {
		this.hardening = hardening;
		this.clientAuth = clientAuth;
		this.serverSsl = serverSsl;
		this.bundles = bundles;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		this.hardening.harden(factory, inherit(factory, this.serverSsl, this.bundles, this.clientAuth));
	}

	/**
	 * Gives a management server factory of any kind {@code server.ssl} when {@code management.server.ssl} is
	 * absent, and says what its listener must do: TLS always, and {@code clientAuth} at least.
	 */
	public static ListenerTls inherit(AbstractConfigurableWebServerFactory factory, Supplier<Ssl> serverSsl,
			SslBundles bundles, ClientAuth clientAuth) {
		String sslPrefix = "management.server.ssl";
		if (factory.getSsl() == null) {
			factory.setSsl(serverSsl.get());
			sslPrefix = "server.ssl";
		}
		factory.setSslBundles(bundles);
		return new ListenerTls(Channel.MANAGEMENT, sslPrefix, true, clientAuth, "secure.comms.management.client-auth");
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
