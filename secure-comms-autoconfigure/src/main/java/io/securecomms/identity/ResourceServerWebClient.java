package io.securecomms.identity;

import io.securecomms.client.OutboundTls;

import org.springframework.http.client.reactive.HttpComponentsClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The {@link WebClient} the reactive resource server's {@code ReactiveJwtDecoder} fetches
 * the issuer's metadata and the JWK set with: Apache HttpClient 5 (async) on the outbound
 * TLS, observed on {@code channel=identity} with {@code peer=resource-server}.
 */
public final class ResourceServerWebClient {

	private ResourceServerWebClient() {
	}

	/**
	 * @param tls outbound TLS created for {@link io.securecomms.metrics.Channel#IDENTITY}
	 * and {@link ResourceServerRestOperations#PEER}
	 */
	public static WebClient create(OutboundTls tls) {
		return WebClient.builder()
			.clientConnector(new HttpComponentsClientHttpConnector(tls.asyncClientBuilder().build()))
			.build();
	}

}
