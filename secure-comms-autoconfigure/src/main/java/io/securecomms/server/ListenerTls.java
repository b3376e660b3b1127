package io.securecomms.server;

import io.securecomms.metrics.Channel;

/**
 * What one listening port must do.
 *
 * @param channel the channel its handshakes are counted on
 * @param sslPrefix where its Spring Boot SSL settings live ({@code server.ssl},
 * {@code management.server.ssl})
 * @param requireTls whether listening without TLS is a violation
 * @param clientAuth the least client authentication required
 * @param clientAuthProperty the property that sets {@code clientAuth}
 * @param allowedClients which trusted client certificates are let in (empty: all)
 */
public record ListenerTls(Channel channel, String sslPrefix, boolean requireTls, ClientAuth clientAuth,
		String clientAuthProperty, AllowedClients allowedClients) {

	/** A listener without an allow-list. */
	public ListenerTls(Channel channel, String sslPrefix, boolean requireTls, ClientAuth clientAuth,
			String clientAuthProperty) {
		this(channel, sslPrefix, requireTls, clientAuth, clientAuthProperty,
				AllowedClients.none(clientAuthProperty.replace("client-auth", "allowed-clients")));
	}

}
