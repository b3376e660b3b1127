package io.securecomms.metrics;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The most recent handshake failures on every channel, newest first, for the posture
 * report. Bounded: the oldest is dropped when a new one arrives.
 */
public final class RecentHandshakeFailures implements HandshakeListener {

	private final int capacity;

	private final Deque<HandshakeFailure> failures = new ArrayDeque<>();

	public RecentHandshakeFailures(int capacity) {
		this.capacity = capacity;
	}

	@Override
	public void failed(HandshakeFailure failure) {
		synchronized (this.failures) {
			this.failures.addFirst(failure);
			while (this.failures.size() > this.capacity) {
				this.failures.removeLast();
			}
		}
	}

	/** Newest first. */
	public List<HandshakeFailure> failures() {
		synchronized (this.failures) {
			return new ArrayList<>(this.failures);
		}
	}

}
