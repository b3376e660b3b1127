package io.securecomms.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@code peer} tag bounded: the first {@code maxPeers} distinct peers keep
 * their name, every later one is tagged {@code other}, so no number of hosts can grow the
 * meter registry without limit.
 */
public final class PeerTagLimiter {

	public static final String OTHER = "other";

	private final int maxPeers;

	private final Set<String> known = ConcurrentHashMap.newKeySet();

	public PeerTagLimiter(int maxPeers) {
		this.maxPeers = maxPeers;
	}

	public String tagFor(String peer) {
		if (this.known.contains(peer)) {
			return peer;
		}
		synchronized (this.known) {
			if (this.known.size() < this.maxPeers) {
				this.known.add(peer);
				return peer;
			}
		}
		return OTHER;
	}

}
