package io.securecomms.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handshakes that happen while the application starts, before Boot binds the meters to
 * the registry (a connection pool's first connections, say), are counted once it does.
 */
class HandshakeMetersTests {

	@Test
	void eventsBeforeTheRegistryIsBoundAreRecordedWhenItIs() {
		HandshakeMeters meters = new HandshakeMeters(new PeerTagLimiter(10));
		meters.succeeded(new HandshakeSuccess(Channel.JDBC, Direction.OUTBOUND, "dataSource", "TLSv1.3",
				"TLS_AES_256_GCM_SHA384", Duration.ofMillis(5)));
		meters.failed(new HandshakeFailure(Instant.now(), Channel.JDBC, Direction.OUTBOUND, "dataSource", "db:5432",
				FailureReason.CERT_UNTRUSTED, "untrusted", List.of()));
		SimpleMeterRegistry registry = new SimpleMeterRegistry();

		meters.bindTo(registry);
		meters.plaintextRefused(Channel.JDBC, Direction.OUTBOUND, "dataSource");

		assertThat(registry.get(HandshakeMeters.HANDSHAKES).tag("channel", "jdbc").timer().count()).isEqualTo(1);
		assertThat(registry.get(HandshakeMeters.FAILURES).tag("reason", "cert_untrusted").counter().count())
			.isEqualTo(1);
		assertThat(registry.get(HandshakeMeters.PLAINTEXT_REFUSED).counter().count()).isEqualTo(1);
	}

}
