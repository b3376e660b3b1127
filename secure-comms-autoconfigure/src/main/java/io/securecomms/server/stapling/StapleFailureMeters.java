package io.securecomms.server.stapling;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.securecomms.metrics.Channel;
import io.securecomms.server.stapling.StapleOutcome.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Counts the probes that found no good staple on
 * {@code secure.comms.ocsp.staple.failures{channel, reason}}: {@code channel} is
 * {@code server} or {@code management}, {@code reason} one of {@link Reason}'s tags.
 */
public final class StapleFailureMeters implements StapleFailures, MeterBinder {

	public static final String FAILURES = "secure.comms.ocsp.staple.failures";

	/** Failures before the registry is bound (the first probe may come first). */
	private static final int MAX_PENDING = 100;

	private final List<Consumer<MeterRegistry>> pending = new ArrayList<>();

	private volatile @Nullable MeterRegistry registry;

	@Override
	public void bindTo(MeterRegistry registry) {
		synchronized (this.pending) {
			this.registry = registry;
			this.pending.forEach((failure) -> failure.accept(registry));
			this.pending.clear();
		}
	}

	@Override
	public void failed(Channel channel, Reason reason) {
		Consumer<MeterRegistry> failure = (registry) -> Counter.builder(FAILURES)
			.description("Probes of a listener's OCSP responder that found no good staple")
			.tag("channel", channel.tag())
			.tag("reason", reason.tag())
			.register(registry)
			.increment();
		MeterRegistry registry = this.registry;
		if (registry != null) {
			failure.accept(registry);
			return;
		}
		synchronized (this.pending) {
			registry = this.registry;
			if (registry != null) {
				failure.accept(registry);
			}
			else if (this.pending.size() < MAX_PENDING) {
				this.pending.add(failure);
			}
		}
	}

}
