package io.securecomms.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.apache.catalina.Container;
import org.apache.catalina.Context;
import org.apache.catalina.Engine;
import org.apache.catalina.connector.Connector;
import org.apache.coyote.http11.AbstractHttp11Protocol;

import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.tomcat.TomcatContextCustomizer;

/**
 * Holds every connector of one embedded Tomcat to the rules of its main connector. Boot
 * customizes only the main connector; one added through {@code addAdditionalConnectors}
 * (by a factory bean or by a customizer that runs after the starter's) would otherwise
 * listen as its author left it. Boot adds all connectors to the service before it builds
 * the context, and binds them only when the web server starts: as a context customizer
 * this sees the final list before any port is open. Each connector is the starter's
 * redirect-only port, or TLS with the policy applied, or a violation naming its port.
 */
final class ConnectorGuard implements TomcatConnectorCustomizer, TomcatContextCustomizer {

	private final ListenerTls listener;

	private final PolicyViolations violations;

	private final TlsConnectorCustomizer tls;

	private @Nullable Connector main;

	ConnectorGuard(ListenerTls listener, PolicyViolations violations, TlsConnectorCustomizer tls) {
		this.listener = listener;
		this.violations = violations;
		this.tls = tls;
	}

	/**
	 * Boot runs connector customizers on the main connector only: that is how it is told
	 * apart.
	 */
	@Override
	public void customize(Connector connector) {
		this.main = connector;
	}

	@Override
	public void customize(Context context) {
		Engine engine = engineOf(context);
		if (engine == null || engine.getService() == null) {
			return;
		}
		List<Violation> found = new ArrayList<>();
		for (Connector connector : engine.getService().findConnectors()) {
			if (connector == this.main || redirects(engine, connector)) {
				continue;
			}
			if (isTls(connector)) {
				harden(connector);
			}
			else if (this.listener.requireTls()) {
				found.add(plaintext(connector));
			}
		}
		this.violations.handle(found);
	}

	/**
	 * The policy, the observing SSL implementation, and "secure" so that HSTS and the
	 * application see HTTPS.
	 */
	private void harden(Connector connector) {
		this.tls.customize(connector);
		connector.setSecure(true);
		connector.setScheme("https");
	}

	static boolean isTls(Connector connector) {
		return connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> protocol && protocol.isSSLEnabled();
	}

	private static boolean redirects(Engine engine, Connector connector) {
		return Arrays.stream(engine.getPipeline().getValves())
			.anyMatch((valve) -> valve instanceof HttpsRedirectValve redirect && redirect.redirects(connector));
	}

	private static @Nullable Engine engineOf(Container container) {
		for (Container current = container; current != null; current = current.getParent()) {
			if (current instanceof Engine engine) {
				return engine;
			}
		}
		return null;
	}

	private Violation plaintext(Connector connector) {
		String port = (connector.getPort() > 0) ? String.valueOf(connector.getPort()) : "0 (random)";
		return Violation.insecure("additional Tomcat connector on port " + port, connector.getScheme() + " without TLS",
				"a connector added besides the " + this.listener.channel().tag()
						+ " port (addAdditionalConnectors) would serve requests on plaintext, outside the TLS policy",
				"Give that connector TLS (SSLEnabled=true and an SSLHostConfig; secure-comms then applies its "
						+ "policy), remove it, or use secure.comms.server.http-redirect-port for a plaintext port "
						+ "that only redirects to HTTPS; set secure.comms.server.require-tls=false only if "
						+ "plaintext is really meant");
	}

}
