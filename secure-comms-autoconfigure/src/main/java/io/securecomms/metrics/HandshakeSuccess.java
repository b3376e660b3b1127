package io.securecomms.metrics;

import java.time.Duration;

/**
 * A completed handshake.
 *
 * @param channel the channel
 * @param direction who connected
 * @param peer the bounded peer name (a target name, {@code host:port}, or {@code client})
 * @param protocol the negotiated protocol
 * @param cipherSuite the negotiated cipher suite
 * @param duration from the first handshake byte to the finished handshake
 */
public record HandshakeSuccess(Channel channel, Direction direction, String peer, String protocol, String cipherSuite,
		Duration duration) {
}
