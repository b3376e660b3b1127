package io.securecomms.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LimitersTests {

	@Test
	void peerTagsStayBounded() {
		PeerTagLimiter limiter = new PeerTagLimiter(3);

		assertThat(IntStream.range(0, 1000).mapToObj((i) -> limiter.tagFor("host" + (i % 10) + ":443")).distinct())
			.containsExactlyInAnyOrder("host0:443", "host1:443", "host2:443", "other");
		assertThat(limiter.tagFor("host1:443")).isEqualTo("host1:443");
	}

	@Test
	void logLinesAreRateLimitedAndTheGapIsCounted() {
		MutableClock clock = new MutableClock();
		LogRateLimiter limiter = new LogRateLimiter(2, Duration.ofMinutes(1), clock);

		assertThat(limiter.tryAcquire().allowed()).isTrue();
		assertThat(limiter.tryAcquire().allowed()).isTrue();
		for (int i = 0; i < 500; i++) {
			assertThat(limiter.tryAcquire().allowed()).isFalse();
		}
		clock.advance(Duration.ofMinutes(1));
		LogRateLimiter.Decision next = limiter.tryAcquire();
		assertThat(next.allowed()).isTrue();
		assertThat(next.suppressedBefore()).isEqualTo(500);
		assertThat(limiter.tryAcquire().suppressedBefore()).isZero();
	}

	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

	}

}
