package io.securecomms.client;

import java.util.function.Supplier;

import org.apache.hc.client5.http.impl.ChainElement;

import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.HttpComponentsClientHttpConnectorBuilder;
import org.springframework.core.Ordered;

/**
 * Makes the {@link ClientHttpConnectorBuilder} behind WebClient an async Apache
 * HttpClient 5 with the hardened TLS strategy and the exchange guard (plaintext refused,
 * late TLS failures counted), instead of Reactor Netty or any other connector.
 */
public final class HardenedHttpConnectors
		implements ClientHttpConnectorBuilderCustomizer<ClientHttpConnectorBuilder<?>>, Ordered {

	private final Supplier<OutboundTls> tls;

	private final HardenedProducts hardened = new HardenedProducts();

	/**
	 * @param tls the shared outbound TLS, created (and checked) when the first client is
	 * built, so that an application that builds none is not asked for client trust
	 */
	public HardenedHttpConnectors(Supplier<OutboundTls> tls) {
		this.tls = tls;
	}

	@Override
	public ClientHttpConnectorBuilder<?> customize(ClientHttpConnectorBuilder<?> builder) {
		if (this.hardened.contains(builder)) {
			return builder;
		}
		return this.hardened.add(HttpComponentsOnly
			.of(builder, HttpComponentsClientHttpConnectorBuilder.class, ClientHttpConnectorBuilder::httpComponents,
					"WebClient")
			.withConnectionManagerCustomizer((manager) -> manager.setTlsStrategy(this.tls.get().asyncStrategy()))
			.withHttpClientCustomizer((client) -> {
				client.addExecInterceptorFirst(ExchangeGuard.NAME, this.tls.get().firstGuard());
				client.addExecInterceptorAfter(ChainElement.REDIRECT.name(), ExchangeGuard.NAME + "-redirect",
						this.tls.get().redirectGuard());
			})
			.withCustomizer(this.hardened::add));
	}

	/**
	 * Whether this builder or connector came from this customizer, and so carries the
	 * policy.
	 */
	public boolean isHardened(Object builderOrConnector) {
		return this.hardened.contains(builderOrConnector);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
