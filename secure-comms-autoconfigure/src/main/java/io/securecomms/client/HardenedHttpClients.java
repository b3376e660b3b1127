package io.securecomms.client;

import java.util.function.Supplier;

import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpComponentsClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.autoconfigure.ClientHttpRequestFactoryBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * Makes every {@link ClientHttpRequestFactoryBuilder} Boot hands to RestClient and RestTemplate an Apache
 * HttpClient 5 with the hardened TLS strategy and the exchange guard (plaintext refused, late TLS failures counted). Runs after the application's own
 * customizers; a builder for another client library is replaced, since only HttpClient 5 is hardened.
 */
public final class HardenedHttpClients
		implements ClientHttpRequestFactoryBuilderCustomizer<ClientHttpRequestFactoryBuilder<?>>, Ordered {

	private static final Log logger = LogFactory.getLog(HardenedHttpClients.class);

	private final Supplier<OutboundTls> tls;

	/**
	 * @param tls the shared outbound TLS, created (and checked) when the first client is built, so that an
	 * application that builds none is not asked for client trust
	 */
	public HardenedHttpClients(Supplier<OutboundTls> tls) {
		this.tls = tls;
	}

	@Override
	public ClientHttpRequestFactoryBuilder<?> customize(ClientHttpRequestFactoryBuilder<?> builder) {
		HttpComponentsClientHttpRequestFactoryBuilder httpComponents;
		if (builder instanceof HttpComponentsClientHttpRequestFactoryBuilder existing) {
			httpComponents = existing;
		}
		else {
			logger.info("secure-comms runs RestClient and RestTemplate on Apache HttpClient 5 instead of "
					+ builder.getClass().getSimpleName() + ": only HttpClient 5 carries the TLS policy");
			httpComponents = ClientHttpRequestFactoryBuilder.httpComponents();
		}
		return httpComponents
			.withConnectionManagerCustomizer((manager) -> manager.setTlsSocketStrategy(this.tls.get().classicStrategy()))
			.withHttpClientCustomizer((client) -> {
				client.addExecInterceptorFirst(ExchangeGuard.NAME, this.tls.get().firstGuard());
				client.addExecInterceptorAfter(ChainElement.REDIRECT.name(), ExchangeGuard.NAME + "-redirect",
						this.tls.get().redirectGuard());
			});
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
