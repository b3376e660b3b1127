package io.securecomms.server;

import java.util.List;

import org.apache.catalina.connector.Connector;

import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.Ssl;

/**
 * Hardens one embedded Tomcat (the application's or the management port's): checks its
 * SSL settings, applies the TLS policy to its connector, sends HSTS, and optionally adds
 * a plaintext port that only redirects.
 */
public final class TomcatHardening {

	private final ServerHardening server;

	public TomcatHardening(ServerHardening server) {
		this.server = server;
	}

	/**
	 * @throws io.securecomms.policy.InsecureConfigurationException when the settings must
	 * stop startup
	 */
	public void harden(TomcatWebServerFactory factory, ListenerTls listener) {
		this.server.violations().handle(this.server.check().check(factory.getSsl(), listener));
		// The valve only acts on secure requests: it also covers an additional TLS
		// connector of a plaintext server.
		if (this.server.hsts().enabled()) {
			factory.addEngineValves(new HstsValve(this.server.hsts().headerValue()));
		}
		ConnectorGuard guard = new ConnectorGuard(listener, this.server.violations(),
				new TlsConnectorCustomizer(this.server.policy(), listener.clientAuth(), listener.channel(),
						this.server.events(), null, null, listener.allowedClients(), this.server.engine()));
		factory.addConnectorCustomizers(guard);
		factory.addContextCustomizers(guard);
		if (!Ssl.isEnabled(factory.getSsl())) {
			return;
		}
		factory.addConnectorCustomizers(new TlsConnectorCustomizer(this.server.policy(), listener.clientAuth(),
				listener.channel(), this.server.events(), factory.getSsl(), this.server.bundles(),
				listener.allowedClients(), this.server.engine()));
	}

	/**
	 * Adds a plaintext connector on {@code port} whose only answer is a 308 to the HTTPS
	 * port, on a host the server is configured for ({@code canonicalHost}, its
	 * certificates' names, {@code server.address}).
	 */
	public void addHttpsRedirect(TomcatWebServerFactory factory, int port, @Nullable String canonicalHost) {
		this.server.violations().handle(RedirectHosts.check(canonicalHost));
		if (port == factory.getPort() && port != 0) {
			this.server.violations()
				.handle(List.of(Violation.invalid("secure.comms.server.http-redirect-port", String.valueOf(port),
						"it is the HTTPS port (server.port) itself",
						"Choose another port for the redirect, or remove secure.comms.server.http-redirect-port")));
		}
		if (!Ssl.isEnabled(factory.getSsl())) {
			return;
		}
		Connector plaintext = new Connector(factory.getProtocol());
		plaintext.setPort(port);
		plaintext.setScheme("http");
		plaintext.setSecure(false);
		factory.addAdditionalConnectors(plaintext);
		factory.addEngineValves(new HttpsRedirectValve(plaintext, RedirectHosts.of(canonicalHost,
				this.server.check().presentedCertificates(factory.getSsl()), factory.getAddress())));
	}

}
