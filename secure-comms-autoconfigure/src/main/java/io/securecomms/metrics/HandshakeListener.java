package io.securecomms.metrics;

/**
 * Told about every handshake on every channel. Implementations must be fast and
 * thread-safe: they run on the connection's own thread.
 */
public interface HandshakeListener {

	default void succeeded(HandshakeSuccess success) {
	}

	default void failed(HandshakeFailure failure) {
	}

	/**
	 * A connection was refused before any byte was sent because it would not have been
	 * encrypted.
	 */
	default void plaintextRefused(Channel channel, Direction direction, String peer) {
	}

}
