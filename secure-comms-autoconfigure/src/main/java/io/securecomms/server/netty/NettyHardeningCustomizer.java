package io.securecomms.server.netty;

import java.util.List;
import java.util.function.Function;

import io.securecomms.server.ConnectorInventory;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.server.ListenerTls;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Hardens the Reactor Netty server of one context (the application's, or the management
 * child's) and describes it to the posture report. Runs last, after Boot has applied
 * {@code server.ssl} (or {@code management.server.ssl}).
 */
public final class NettyHardeningCustomizer
		implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory>, ConnectorInventory.Describer, Ordered {

	private final NettyHardening hardening;

	private final Function<NettyReactiveWebServerFactory, ListenerTls> listener;

	private final @Nullable Integer httpRedirectPort;

	private volatile @Nullable ConnectorPosture applied;

	/**
	 * @param listener what the factory's port must do (a function, as the management port
	 * decides from the factory)
	 * @param httpRedirectPort {@code secure.comms.server.http-redirect-port}, or
	 * {@code null}
	 */
	public NettyHardeningCustomizer(NettyHardening hardening,
			Function<NettyReactiveWebServerFactory, ListenerTls> listener, @Nullable Integer httpRedirectPort) {
		this.hardening = hardening;
		this.listener = listener;
		this.httpRedirectPort = httpRedirectPort;
	}

	@Override
	public void customize(NettyReactiveWebServerFactory factory) {
		this.applied = this.hardening.harden(factory, this.listener.apply(factory), this.httpRedirectPort);
	}

	@Override
	public List<ConnectorPosture> describe(String server, WebServer webServer) {
		ConnectorPosture posture = this.applied;
		if (posture == null || !(webServer instanceof NettyWebServer) || !posture.server().equals(server)) {
			return List.of();
		}
		return List.of(posture.withPort(webServer.getPort()));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
