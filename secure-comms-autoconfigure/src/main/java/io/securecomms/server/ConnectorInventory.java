package io.securecomms.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.ClassUtils;

/**
 * Every connector the application's web servers listen on (the application's and a
 * separate management port's), as they are once started: port, TLS or redirect-only,
 * protocols, client authentication, HSTS, and which web server it is. Tomcat is read from
 * the running server; a server whose adapter knows better (Reactor Netty does not expose
 * its TLS settings once built) is described by the {@link Describer} bean of the context
 * that started it.
 */
public final class ConnectorInventory implements ApplicationListener<WebServerInitializedEvent> {

	private static final boolean TOMCAT_PRESENT = ClassUtils
		.isPresent("org.springframework.boot.tomcat.TomcatWebServer", ConnectorInventory.class.getClassLoader());

	private final List<ConnectorPosture> connectors = new ArrayList<>();

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		String namespace = event.getApplicationContext().getServerNamespace();
		String server = (namespace != null) ? namespace : "server";
		List<ConnectorPosture> found = new ArrayList<>(
				TOMCAT_PRESENT ? describe(server, event.getWebServer()) : List.of());
		// Only the starting context's own describers: a management child context must not
		// describe with the parent's.
		event.getApplicationContext()
			.getBeanProvider(Describer.class)
			.orderedStream()
			.forEach((describer) -> found.addAll(describer.describe(server, event.getWebServer())));
		synchronized (this.connectors) {
			this.connectors.addAll(found);
		}
	}

	public List<ConnectorPosture> connectors() {
		synchronized (this.connectors) {
			return List.copyOf(this.connectors);
		}
	}

	static List<ConnectorPosture> describe(String server, WebServer webServer) {
		return Tomcat.describe(server, webServer);
	}

	/**
	 * Apart, so that Tomcat's classes are only loaded where Tomcat is on the class path.
	 */
	private static final class Tomcat {

		static List<ConnectorPosture> describe(String server, WebServer webServer) {
			if (!(webServer instanceof TomcatWebServer tomcat)) {
				return List.of();
			}
			Valve[] valves = tomcat.getTomcat().getEngine().getPipeline().getValves();
			boolean hsts = Arrays.stream(valves).anyMatch(HstsValve.class::isInstance);
			List<ConnectorPosture> described = new ArrayList<>();
			for (Connector connector : tomcat.getTomcat().getService().findConnectors()) {
				SSLHostConfig[] hosts = connector.findSslHostConfigs();
				boolean tls = Boolean.TRUE.equals(connector.getProperty("SSLEnabled")) && hosts.length > 0;
				if (tls) {
					described.add(new ConnectorPosture(server, connector.getLocalPort(), ConnectorPosture.TLS,
							List.copyOf(hosts[0].getProtocols()),
							hosts[0].getCertificateVerification().name().toLowerCase(Locale.ROOT), hsts,
							ConnectorPosture.TOMCAT, allowedClients(hosts[0]),
							InboundHandshakeObservers.engine(hosts[0]).value(), null));
				}
				else {
					boolean redirects = Arrays.stream(valves)
						.anyMatch((valve) -> valve instanceof HttpsRedirectValve redirect
								&& redirect.redirects(connector));
					described.add(new ConnectorPosture(server, connector.getLocalPort(),
							redirects ? ConnectorPosture.REDIRECT_ONLY : ConnectorPosture.PLAINTEXT, List.of(), "none",
							false, ConnectorPosture.TOMCAT));
				}
			}
			return described;
		}

	}

	private static List<String> allowedClients(SSLHostConfig host) {
		AllowedClients allowed = InboundHandshakeObservers.allowedClients(host);
		return (allowed != null) ? allowed.patterns() : List.of();
	}

	/**
	 * Describes the connectors of a web server the starter hardened, other than Tomcat.
	 */
	public interface Describer {

		/**
		 * The connectors of {@code webServer}, none when it is not this describer's kind
		 * of server.
		 */
		List<ConnectorPosture> describe(String server, WebServer webServer);

	}

	/**
	 * One listening connector.
	 *
	 * @param server {@code server} or {@code management}
	 * @param port the port it listens on
	 * @param type {@link #TLS}, {@link #REDIRECT_ONLY} or {@link #PLAINTEXT}
	 * @param protocols the protocols it accepts (TLS only)
	 * @param clientAuth {@code none}, {@code optional} or {@code required}
	 * @param hsts whether its responses carry {@code Strict-Transport-Security}
	 * @param webServer the web server listening: {@link #TOMCAT}, {@link #NETTY} or
	 * {@link #JETTY}
	 * @param allowedClients the client allow-list's entries (empty: every trusted client
	 * certificate)
	 * @param engine the TLS engine it runs on: {@code jsse} or {@code openssl}
	 * @param staple with {@code secure.comms.server.ocsp-stapling}, what the latest probe
	 * of its OCSP responder found: {@code good}, {@code unavailable(<reason>)} or
	 * {@code revoked}; {@code null} when it does not staple or was not probed yet
	 */
	public record ConnectorPosture(String server, int port, String type, List<String> protocols, String clientAuth,
			boolean hsts, String webServer, List<String> allowedClients, String engine, @Nullable String staple) {

		/** A connector on the JDK's TLS engines, whose staple is not known. */
		public ConnectorPosture(String server, int port, String type, List<String> protocols, String clientAuth,
				boolean hsts, String webServer, List<String> allowedClients) {
			this(server, port, type, protocols, clientAuth, hsts, webServer, allowedClients, ServerEngine.JSSE.value(),
					null);
		}

		public static final String TOMCAT = "tomcat";

		public static final String NETTY = "netty";

		public static final String JETTY = "jetty";

		/** A connector without a client allow-list. */
		public ConnectorPosture(String server, int port, String type, List<String> protocols, String clientAuth,
				boolean hsts, String webServer) {
			this(server, port, type, protocols, clientAuth, hsts, webServer, List.of());
		}

		/** A Tomcat connector (the form before the web server was named). */
		public ConnectorPosture(String server, int port, String type, List<String> protocols, String clientAuth,
				boolean hsts) {
			this(server, port, type, protocols, clientAuth, hsts, TOMCAT);
		}

		/**
		 * This connector as it listens on {@code port} (a port 0 asked for, once bound).
		 */
		public ConnectorPosture withPort(int port) {
			return new ConnectorPosture(this.server, port, this.type, this.protocols, this.clientAuth, this.hsts,
					this.webServer, this.allowedClients, this.engine, this.staple);
		}

		/** This connector with what the latest probe of its OCSP responder found. */
		public ConnectorPosture withStaple(@Nullable String staple) {
			return new ConnectorPosture(this.server, this.port, this.type, this.protocols, this.clientAuth, this.hsts,
					this.webServer, this.allowedClients, this.engine, staple);
		}

		public static final String TLS = "tls";

		public static final String REDIRECT_ONLY = "redirect-only";

		public static final String PLAINTEXT = "plaintext";

	}

}
