package io.securecomms.server;

import java.util.function.Supplier;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Hardens a separate management port on Tomcat, with {@code server.ssl} inherited
 * ({@link ManagementListener}). Runs after Boot's management customizer has set the port
 * and SSL.
 */
public final class ManagementTlsCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	private final TomcatHardening hardening;

	private final ClientAuth clientAuth;

	private final Supplier<Ssl> serverSsl;

	private final SslBundles bundles;

	private final AllowedClients allowedClients;

	public ManagementTlsCustomizer(TomcatHardening hardening, ClientAuth clientAuth, Supplier<Ssl> serverSsl,
			SslBundles bundles, AllowedClients allowedClients) {
		this.hardening = hardening;
		this.clientAuth = clientAuth;
		this.serverSsl = serverSsl;
		this.bundles = bundles;
		this.allowedClients = allowedClients;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		this.hardening.harden(factory, ManagementListener.inherit(factory, this.serverSsl, this.bundles,
				this.clientAuth, this.allowedClients));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
