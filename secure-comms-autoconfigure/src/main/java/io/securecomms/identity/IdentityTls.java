package io.securecomms.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import io.securecomms.client.OutboundTls;

/**
 * The hardened outbound TLS of the identity providers' clients, one per {@code peer} tag
 * (the resource server, or an OAuth2 client registration id), each created on first use:
 * the policy, {@code secure.comms.client.*} trust, pins and revocation, a {@code targets}
 * entry for the provider's host, {@code http://} refused, handshakes counted on
 * {@code channel=identity}. Registration ids come from configuration, so the number of
 * clients is bounded.
 */
public final class IdentityTls {

	private final Function<String, OutboundTls> factory;

	private final Map<String, OutboundTls> byPeer = new ConcurrentHashMap<>();

	/**
	 * @param factory creates the outbound TLS for
	 * {@link io.securecomms.metrics.Channel#IDENTITY} and a peer tag
	 */
	public IdentityTls(Function<String, OutboundTls> factory) {
		this.factory = factory;
	}

	/** The outbound TLS whose connections are all counted under {@code peer}. */
	public OutboundTls forPeer(String peer) {
		return this.byPeer.computeIfAbsent(peer, this.factory);
	}

}
