package io.securecomms.server.jetty;

import io.securecomms.server.ClientAuth;
import io.securecomms.server.ListenerTls;
import io.securecomms.server.ServerHardening;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;

/**
 * Hardens one Jetty server, servlet or WebFlux (the application's or the management
 * port's), as Tomcat is hardened: the same check of its SSL settings (plaintext refused,
 * weak certificates refused, client authentication with a trust store of its own), then
 * the policy on its TLS connector, handshake observation and HSTS
 * ({@link PolicyJettyServerCustomizer}).
 */
public final class JettyHardening {

	private final ServerHardening server;

	public JettyHardening(ServerHardening server) {
		this.server = server;
	}

	/**
	 * @param httpRedirectPort {@code secure.comms.server.http-redirect-port}, which the
	 * starter offers on Tomcat only, or {@code null}
	 * @throws io.securecomms.policy.InsecureConfigurationException when the settings must
	 * stop startup
	 */
	public void harden(JettyWebServerFactory factory, ListenerTls listener, @Nullable Integer httpRedirectPort) {
		this.server.refuseRedirectPort(httpRedirectPort,
				"the starter offers a plaintext port that only redirects on Tomcat, not on Jetty");
		this.server.refuseNativeEngine("Jetty", listener);
		Ssl ssl = factory.getSsl();
		this.server.violations().handle(this.server.check().check(ssl, listener));
		if (!Ssl.isEnabled(ssl)) {
			return;
		}
		ClientAuth clientAuth = listener.clientAuth().atLeast(ClientAuth.of(ssl.getClientAuth()));
		SslBundles bundles = this.server.bundlesOf(factory);
		String hstsHeader = this.server.hstsHeader();
		factory.addServerCustomizers(new PolicyJettyServerCustomizer(this.server.policy(), clientAuth,
				listener.channel(), this.server.events(), hstsHeader, ssl, bundles, listener.allowedClients()));
	}

}
