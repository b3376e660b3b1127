package io.securecomms.server;

import java.util.List;

import org.apache.catalina.connector.Connector;

import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.Violation;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.Ssl;

/**
 * Hardens one embedded Tomcat (the application's or the management port's): checks its SSL settings,
 * applies the TLS policy to its connector, sends HSTS, and optionally adds a plaintext port that only
 * redirects.
 */
public final class TomcatHardening {

	private final TlsPolicy policy;

	private final PolicyViolations violations;

	private final HandshakeEvents events;

	private final HstsPolicy hsts;

	private final ServerTlsCheck check;

	private final SslBundles bundles;

	public TomcatHardening(TlsPolicy policy, PolicyViolations violations, HandshakeEvents events, HstsPolicy hsts,
			SslBundles bundles) {
		this.policy = policy;
		this.violations = violations;
		this.events = events;
		this.hsts = hsts;
		this.check = new ServerTlsCheck(bundles);
		this.bundles = bundles;
		violations.handle(hsts.violations());
	}

	/**
	 * @throws io.securecomms.policy.InsecureConfigurationException when the settings must stop startup
	 */
	public void harden(TomcatWebServerFactory factory, ListenerTls listener) {
		this.violations.handle(this.check.check(factory.getSsl(), listener));
		// The valve only acts on secure requests: it also covers an additional TLS connector of a plaintext server.
		if (this.hsts.enabled()) {
			factory.addEngineValves(new HstsValve(this.hsts.headerValue()));
		}
		ConnectorGuard guard = new ConnectorGuard(listener, this.violations, new TlsConnectorCustomizer(this.policy,
				listener.clientAuth(), listener.channel(), this.events, null, null));
		factory.addConnectorCustomizers(guard);
		factory.addContextCustomizers(guard);
		if (!Ssl.isEnabled(factory.getSsl())) {
			return;
		}
		factory.addConnectorCustomizers(new TlsConnectorCustomizer(this.policy, listener.clientAuth(),
				listener.channel(), this.events, factory.getSsl(), this.bundles));
	}

	/**
	 * Adds a plaintext connector on {@code port} whose only answer is a 308 to the HTTPS port, on a host the
	 * server is configured for ({@code canonicalHost}, its certificates' names, {@code server.address}).
	 */
	public void addHttpsRedirect(TomcatWebServerFactory factory, int port, String canonicalHost) {
		this.violations.handle(RedirectHosts.check(canonicalHost));
		if (port == factory.getPort() && port != 0) {
			this.violations.handle(List.of(Violation.invalid("secure.comms.server.http-redirect-port",
					String.valueOf(port), "it is the HTTPS port (server.port) itself",
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
				this.check.presentedCertificates(factory.getSsl()), factory.getAddress())));
	}

}
