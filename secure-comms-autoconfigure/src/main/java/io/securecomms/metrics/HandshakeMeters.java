package io.securecomms.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Records handshakes on the contract's meters. Every tag value comes from a fixed set, or
 * from {@link PeerTagLimiter}, never unbounded from the network.
 */
public final class HandshakeMeters implements HandshakeListener, MeterBinder {

	public static final String FAILURES = "secure.comms.tls.handshake.failures";

	public static final String HANDSHAKES = "secure.comms.tls.handshakes";

	public static final String PLAINTEXT_REFUSED = "secure.comms.plaintext.refused";

	/**
	 * Events before the registry is bound (Boot binds after startup; a pool may connect
	 * during it).
	 */
	private static final int MAX_PENDING = 1000;

	private final PeerTagLimiter peers;

	private final List<Consumer<MeterRegistry>> pending = new ArrayList<>();

	private volatile @Nullable MeterRegistry registry;

	public HandshakeMeters(PeerTagLimiter peers) {
		this.peers = peers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		synchronized (this.pending) {
			this.registry = registry;
			this.pending.forEach((event) -> event.accept(registry));
			this.pending.clear();
		}
	}

	@Override
	public void succeeded(HandshakeSuccess success) {
		record((registry) -> Timer.builder(HANDSHAKES)
			.description("Successful TLS handshakes")
			.tags(connectionTags(success.channel(), success.direction(), success.peer()))
			.tag("protocol", success.protocol())
			.tag("cipher.suite", success.cipherSuite())
			.register(registry)
			.record(success.duration()));
	}

	@Override
	public void failed(HandshakeFailure failure) {
		record((registry) -> Counter.builder(FAILURES)
			.description("Failed TLS handshakes")
			.tags(connectionTags(failure.channel(), failure.direction(), failure.peer()))
			.tag("reason", failure.reason().tag())
			.register(registry)
			.increment());
	}

	@Override
	public void plaintextRefused(Channel channel, Direction direction, String peer) {
		record((registry) -> Counter.builder(PLAINTEXT_REFUSED)
			.description("Connections refused because they would not have been encrypted")
			.tags(connectionTags(channel, direction, peer))
			.register(registry)
			.increment());
	}

	private void record(Consumer<MeterRegistry> event) {
		MeterRegistry registry = this.registry;
		if (registry == null) {
			synchronized (this.pending) {
				registry = this.registry;
				if (registry == null) {
					if (this.pending.size() < MAX_PENDING) {
						this.pending.add(event);
					}
					return;
				}
			}
		}
		event.accept(registry);
	}

	private Tags connectionTags(Channel channel, Direction direction, String peer) {
		return Tags.of("channel", channel.tag(), "direction", direction.tag(), "peer", this.peers.tagFor(peer));
	}

}
