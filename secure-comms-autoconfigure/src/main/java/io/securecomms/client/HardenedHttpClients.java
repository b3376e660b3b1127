package io.securecomms.client;

import java.util.function.Supplier;

import org.apache.hc.client5.http.impl.ChainElement;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes every {@link ClientHttpRequestFactoryBuilder} Boot hands to RestClient and
 * RestTemplate an Apache HttpClient 5 with the hardened TLS strategy and the exchange
 * guard (plaintext refused, late TLS failures counted). Runs after the application's own
 * customizers; a builder for another client library is replaced, since only HttpClient 5
 * is hardened.
 */
public final class HardenedHttpClients
		implements ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>>, Ordered {

	private final Supplier<OutboundTls> tls;

	private final HardenedProducts hardened = new HardenedProducts();

	/**
	 * @param tls the shared outbound TLS, created (and checked) when the first client is
	 * built, so that an application that builds none is not asked for client trust
	 */
	public HardenedHttpClients(Supplier<OutboundTls> tls) {
		this.tls = tls;
	}

	@Override
	public ClientHttpRequestFactoryBuilder<?> customize(ClientHttpRequestFactoryBuilder<?> builder) {
		if (this.hardened.contains(builder)) {
			return builder;
		}
		return this.hardened.add(HttpComponentsOnly
			.of(builder, HttpComponentsClientHttpRequestFactoryBuilder.class,
					ClientHttpRequestFactoryBuilder::httpComponents, "RestClient and RestTemplate")
			.withConnectionManagerCustomizer(
					(manager) -> manager.setTlsSocketStrategy(this.tls.get().classicStrategy()))
			.withHttpClientCustomizer((client) -> {
				client.addExecInterceptorFirst(ExchangeGuard.NAME, this.tls.get().firstGuard());
				client.addExecInterceptorAfter(ChainElement.REDIRECT.name(), ExchangeGuard.NAME + "-redirect",
						this.tls.get().redirectGuard());
			})
			.withCustomizer(this.hardened::add));
	}

	/**
	 * Whether this builder or factory came from this customizer, and so carries the
	 * policy.
	 */
	public boolean isHardened(Object builderOrFactory) {
		return this.hardened.contains(builderOrFactory);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
