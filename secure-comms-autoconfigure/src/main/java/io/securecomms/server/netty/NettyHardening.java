package io.securecomms.server.netty;

import java.util.List;

import io.securecomms.server.ClientAuth;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.server.ListenerTls;
import io.securecomms.server.ServerHardening;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;

/**
 * Hardens one Reactor Netty server (the application's or the management port's) as Tomcat
 * is hardened: the same check of its SSL settings ({@link ServerTlsCheck}: plaintext
 * refused, weak certificates refused, client authentication with a trust store of its
 * own), then the policy on its TLS, handshake observation and HSTS.
 */
public final class NettyHardening {

	private final ServerHardening server;

	public NettyHardening(ServerHardening server) {
		this.server = server;
	}

	/**
	 * @param httpRedirectPort {@code secure.comms.server.http-redirect-port}, which
	 * Reactor Netty cannot honour (it listens on one port), or {@code null}
	 * @return what the server listens with, for the posture report
	 * @throws io.securecomms.policy.InsecureConfigurationException when the settings must
	 * stop startup
	 */
	public ConnectorPosture harden(NettyReactiveWebServerFactory factory, ListenerTls listener,
			@Nullable Integer httpRedirectPort) {
		this.server.refuseRedirectPort(httpRedirectPort,
				"Reactor Netty listens on one port: there is no plaintext port that only redirects on this server");
		Ssl ssl = factory.getSsl();
		this.server.violations().handle(this.server.check().check(ssl, listener));
		String server = listener.channel().tag();
		if (!Ssl.isEnabled(ssl)) {
			return new ConnectorPosture(server, factory.getPort(), ConnectorPosture.PLAINTEXT, List.of(), "none", false,
					ConnectorPosture.NETTY);
		}
		ClientAuth clientAuth = listener.clientAuth().atLeast(ClientAuth.of(ssl.getClientAuth()));
		SslBundles bundles = this.server.bundlesOf(factory);
		String hstsHeader = this.server.hstsHeader();
		factory.addServerCustomizers(new PolicySslServerCustomizer(this.server.policy(), clientAuth, factory.getHttp2(),
				listener.channel(), this.server.events(), hstsHeader, ssl, bundles, listener.allowedClients(),
				this.server.engine()));
		return new ConnectorPosture(server, factory.getPort(), ConnectorPosture.TLS, this.server.policy().protocols(),
				clientAuth.verification(), hstsHeader != null, ConnectorPosture.NETTY,
				listener.allowedClients().patterns(), this.server.engine().value(), null);
	}

}
