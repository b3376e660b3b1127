package io.securecomms.server.jetty;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import io.securecomms.server.ClientAuth;
import io.securecomms.server.ConnectorInventory;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.server.ListenerTls;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.jetty.JettyWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Hardens the Jetty server of one context (the application's, or the management child's)
 * and describes its connectors to the posture report as they run: protocols, client
 * authentication and HSTS read back from Jetty. Runs last, after Boot has applied
 * {@code server.ssl} (or {@code management.server.ssl}).
 */
public final class JettyHardeningCustomizer
		implements WebServerFactoryCustomizer<JettyWebServerFactory>, ConnectorInventory.Describer, Ordered {

	private final JettyHardening hardening;

	private final Function<JettyWebServerFactory, ListenerTls> listener;

	private final @Nullable Integer httpRedirectPort;

	private volatile @Nullable String server;

	/**
	 * @param listener what the factory's port must do (a function, as the management port
	 * decides from the factory)
	 * @param httpRedirectPort {@code secure.comms.server.http-redirect-port}, or
	 * {@code null}
	 */
	public JettyHardeningCustomizer(JettyHardening hardening, Function<JettyWebServerFactory, ListenerTls> listener,
			@Nullable Integer httpRedirectPort) {
		this.hardening = hardening;
		this.listener = listener;
		this.httpRedirectPort = httpRedirectPort;
	}

	@Override
	public void customize(JettyWebServerFactory factory) {
		ListenerTls listener = this.listener.apply(factory);
		this.hardening.harden(factory, listener, this.httpRedirectPort);
		this.server = listener.channel().tag();
	}

	@Override
	public List<ConnectorPosture> describe(String server, WebServer webServer) {
		if (!(webServer instanceof JettyWebServer jetty) || !server.equals(this.server)) {
			return List.of();
		}
		List<ConnectorPosture> described = new ArrayList<>();
		for (Connector connector : jetty.getServer().getConnectors()) {
			int port = (connector instanceof NetworkConnector network) ? network.getLocalPort() : -1;
			SslConnectionFactory tls = connector.getConnectionFactory(SslConnectionFactory.class);
			if (tls == null) {
				described.add(new ConnectorPosture(server, port, ConnectorPosture.PLAINTEXT, List.of(), "none", false,
						ConnectorPosture.JETTY));
				continue;
			}
			SslContextFactory.Server context = tls.getSslContextFactory();
			ClientAuth clientAuth = context.getNeedClientAuth() ? ClientAuth.NEED
					: context.getWantClientAuth() ? ClientAuth.WANT : ClientAuth.NONE;
			described.add(new ConnectorPosture(server, port, ConnectorPosture.TLS,
					List.of(context.getSelectedProtocols()), clientAuth.verification(), sendsHsts(connector),
					ConnectorPosture.JETTY, (tls instanceof ObservedSslConnectionFactory observed)
							? observed.allowedClients().patterns() : List.of()));
		}
		return described;
	}

	private static boolean sendsHsts(Connector connector) {
		return connector instanceof AbstractConnector abstractConnector && abstractConnector.getConnectionFactories()
			.stream()
			.filter(HttpConfiguration.ConnectionFactory.class::isInstance)
			.map((factory) -> ((HttpConfiguration.ConnectionFactory) factory).getHttpConfiguration())
			.allMatch((configuration) -> configuration.getCustomizers()
				.stream()
				.anyMatch(HstsCustomizer.class::isInstance));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
