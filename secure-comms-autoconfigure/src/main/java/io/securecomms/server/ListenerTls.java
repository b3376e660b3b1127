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
 */
public record ListenerTls(Channel channel, String sslPrefix, boolean requireTls, ClientAuth clientAuth,
		String clientAuthProperty) {
}
