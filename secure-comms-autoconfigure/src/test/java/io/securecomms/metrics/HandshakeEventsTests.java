package io.securecomms.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener that throws never breaks the handshake or the other listeners, and its first
 * failure is logged.
 */
@ExtendWith(OutputCaptureExtension.class)
class HandshakeEventsTests {

	@Test
	void aFailingListenerIsLoggedOnceAndTheOthersStillHearEveryEvent(CapturedOutput output) {
		AtomicInteger heard = new AtomicInteger();
		HandshakeListener broken = new BrokenListener();
		HandshakeListener counting = new HandshakeListener() {

			@Override
			public void succeeded(HandshakeSuccess success) {
				heard.incrementAndGet();
			}

			@Override
			public void plaintextRefused(Channel channel, Direction direction, String peer) {
				heard.incrementAndGet();
			}

		};
		HandshakeEvents events = new HandshakeEvents(List.of(broken, counting));

		for (int i = 0; i < 3; i++) {
			events.succeeded(new HandshakeSuccess(Channel.HTTP_CLIENT, Direction.OUTBOUND, "peer:443", "TLSv1.3",
					"TLS_AES_256_GCM_SHA384", Duration.ofMillis(1)));
			events.plaintextRefused(Channel.HTTP_CLIENT, Direction.OUTBOUND, "peer:80");
		}

		assertThat(heard).hasValue(6);
		assertThat(output.getOut().lines().filter((line) -> line.contains("Handshake listener"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN", BrokenListener.class.getName(),
					"later failures of this listener are not logged"));
		assertThat(output.getOut()).containsOnlyOnce("IllegalStateException: meters are broken");
	}

	static final class BrokenListener implements HandshakeListener {

		@Override
		public void succeeded(HandshakeSuccess success) {
			throw new IllegalStateException("meters are broken");
		}

		@Override
		public void plaintextRefused(Channel channel, Direction direction, String peer) {
			throw new IllegalStateException("meters are broken");
		}

	}

}
