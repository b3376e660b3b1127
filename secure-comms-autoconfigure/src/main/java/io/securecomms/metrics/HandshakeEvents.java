package io.securecomms.metrics;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Hands each handshake to every listener (meters, the failure log, the posture report),
 * isolating them from each other: a listener that throws never breaks the connection or
 * the other listeners. Its first failure is logged, so that a broken listener (meters
 * that stopped counting) does not go unnoticed; later ones are not, so that it cannot
 * flood the log either.
 */
public final class HandshakeEvents {

	private static final Log logger = LogFactory.getLog(HandshakeEvents.class);

	private final List<HandshakeListener> listeners;

	private final Set<HandshakeListener> reported = ConcurrentHashMap.newKeySet();

	public HandshakeEvents(List<? extends HandshakeListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	public void succeeded(HandshakeSuccess success) {
		each((listener) -> listener.succeeded(success));
	}

	public void failed(HandshakeFailure failure) {
		each((listener) -> listener.failed(failure));
	}

	public void plaintextRefused(Channel channel, Direction direction, String peer) {
		each((listener) -> listener.plaintextRefused(channel, direction, peer));
	}

	private void each(Consumer<HandshakeListener> event) {
		for (HandshakeListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (RuntimeException ex) {
				// Observability must never cost a connection, but its own failure must be
				// seen once.
				if (this.reported.add(listener)) {
					logger.warn("Handshake listener " + listener.getClass().getName() + " failed; the connection is "
							+ "not affected, later failures of this listener are not logged", ex);
				}
			}
		}
	}

}
