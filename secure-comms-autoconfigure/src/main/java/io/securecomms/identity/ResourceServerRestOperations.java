package io.securecomms.identity;

import io.securecomms.client.OutboundTls;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestTemplate;

/**
 * The {@code RestOperations} the resource server's {@code JwtDecoder} fetches the
 * issuer's metadata and the JWK set with: Apache HttpClient 5 on the outbound TLS (the
 * policy, {@code secure.comms.client.*} trust, pins, revocation, a {@code targets} entry
 * for the identity provider's host, {@code http://} refused), observed on
 * {@code channel=identity} with {@code peer=resource-server}.
 */
public final class ResourceServerRestOperations {

	/** The {@code peer} tag of the resource server's connections. */
	public static final String PEER = "resource-server";

	private ResourceServerRestOperations() {
	}

	/**
	 * @param tls outbound TLS created for {@link io.securecomms.metrics.Channel#IDENTITY}
	 * and {@link #PEER}
	 */
	public static RestTemplate create(OutboundTls tls) {
		RestTemplate restTemplate = new RestTemplate(
				new HttpComponentsClientHttpRequestFactory(tls.classicClientBuilder().build()));
		return restTemplate;
	}

}
