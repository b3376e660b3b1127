package io.securecomms.metrics;

import java.time.Clock;
import java.time.Duration;

/**
 * Allows at most {@code permits} log lines per window and counts what it held back, so
 * that a flood of failures cannot fill the disk while the first lines of every window
 * still tell what happens.
 */
public final class LogRateLimiter {

	private final int permits;

	private final long windowMillis;

	private final Clock clock;

	private long windowStart;

	private int used;

	private long suppressed;

	public LogRateLimiter(int permits, Duration window, Clock clock) {
		this.permits = permits;
		this.windowMillis = window.toMillis();
		this.clock = clock;
		this.windowStart = clock.millis();
	}

	/**
	 * @return whether a line may be written now, and how many were held back since the
	 * last one written
	 */
	public synchronized Decision tryAcquire() {
		long now = this.clock.millis();
		if (now - this.windowStart >= this.windowMillis) {
			this.windowStart = now;
			this.used = 0;
		}
		if (this.used < this.permits) {
			this.used++;
			long heldBack = this.suppressed;
			this.suppressed = 0;
			return new Decision(true, heldBack);
		}
		this.suppressed++;
		return new Decision(false, 0);
	}

	/**
	 * @param allowed whether to write the line
	 * @param suppressedBefore lines held back since the last one written
	 */
	public record Decision(boolean allowed, long suppressedBefore) {
	}

}
