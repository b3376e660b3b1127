package io.securecomms.metrics;

import java.util.List;

/**
 * Hands each handshake to every listener (meters, the failure log, the posture report), isolating them from
 * each other: a listener that throws never breaks the connection or the other listeners.
 */
public final class HandshakeEvents {

	private final List<HandshakeListener> listeners;

	public HandshakeEvents(List<? extends HandshakeListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	public void succeeded(HandshakeSuccess success) {
		for (HandshakeListener listener : this.listeners) {
			try {
				listener.succeeded(success);
			}
			catch (RuntimeException ex) {
				// Observability must never cost a connection.
			}
		}
	}

	public void failed(HandshakeFailure failure) {
		for (HandshakeListener listener : this.listeners) {
			try {
				listener.failed(failure);
			}
			catch (RuntimeException ex) {
				// Observability must never cost a connection.
			}
		}
	}

	public void plaintextRefused(Channel channel, Direction direction, String peer) {
		for (HandshakeListener listener : this.listeners) {
			try {
				listener.plaintextRefused(channel, direction, peer);
			}
			catch (RuntimeException ex) {
				// Observability must never cost a connection.
			}
		}
	}

}
