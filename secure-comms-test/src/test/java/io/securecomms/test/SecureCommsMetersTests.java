package io.securecomms.test;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.securecomms.test.SecureCommsMeters.Counted;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * {@link SecureCommsMeters} against a real registry holding counters named and tagged as
 * the starter registers them.
 */
class SecureCommsMetersTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final SecureCommsMeters meters = SecureCommsMeters.of(this.registry);

	@Test
	void countsNothingBeforeTheFirstRefusal() {
		Counted expired = this.meters.handshakeFailures().channel("http-client").reason("cert_expired");

		assertThat(expired.count()).isZero();
		assertThatNoException().isThrownBy(expired::assertNotCounted);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(expired::assertCounted)
			.withMessageContaining("no secure.comms.tls.handshake.failures counter exists");
	}

	@Test
	void readsTheCounterWithTheGivenTagsOnly() {
		failure("http-client", "outbound", "localhost:8443", "cert_expired");
		failure("http-client", "outbound", "localhost:8443", "cert_expired");
		failure("http-client", "outbound", "localhost:9443", "cert_expired");
		failure("http-client", "outbound", "localhost:8443", "hostname_mismatch");
		failure("server", "inbound", "client", "protocol_version");

		Counted failures = this.meters.handshakeFailures();
		assertThat(failures.count()).isEqualTo(5);
		assertThat(failures.channel("http-client").count()).isEqualTo(4);
		assertThat(failures.channel("http-client").peer("localhost:8443").reason("cert_expired").count()).isEqualTo(2);
		assertThat(failures.direction("inbound").reason("protocol_version").count()).isEqualTo(1);
		assertThat(failures.channel("redis").count()).isZero();
		assertThat(failures.channel("http-client").countBy("reason")).containsEntry("cert_expired", 3.0)
			.containsEntry("hostname_mismatch", 1.0)
			.hasSize(2);
	}

	@Test
	void narrowingLeavesTheOriginalQueryAsItWas() {
		failure("server", "inbound", "client", "protocol_version");
		Counted server = this.meters.handshakeFailures().channel("server");

		server.reason("cert_expired");

		assertThat(server.count()).isEqualTo(1);
	}

	@Test
	void assertCountedComparesWithACountReadBefore() {
		Counted expired = this.meters.handshakeFailures().channel("http-client").reason("cert_expired");
		double before = expired.count();

		failure("http-client", "outbound", "localhost:8443", "cert_expired");

		assertThatNoException().isThrownBy(() -> expired.assertCounted(before + 1));
		assertThatNoException().isThrownBy(expired::assertCounted);
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> expired.assertCounted(before + 2))
			.withMessageContaining("secure.comms.tls.handshake.failures{channel=http-client,reason=cert_expired}")
			.withMessageContaining("to be 2.0, but it is 1.0");
	}

	@Test
	void awaitCountedWaitsForACountMadeOnAnotherThread() throws Exception {
		Counted closed = this.meters.handshakeFailures().channel("server").reason("connection_closed");
		Thread server = new Thread(() -> {
			sleep(200);
			failure("server", "inbound", "client", "connection_closed");
		});
		server.start();

		closed.awaitCounted(1, Duration.ofSeconds(5));
		server.join();

		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> closed.awaitCounted(2, Duration.ofMillis(100)))
			.withMessageContaining("to be 2.0, but it is 1.0");
	}

	@Test
	void aMissNamesWhatWasCountedInstead() {
		failure("http-client", "outbound", "localhost:8443", "hostname_mismatch");

		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> this.meters.handshakeFailures().reason("cert_expired").assertCounted())
			.withMessageContaining("counted: {channel=http-client,direction=outbound,peer=localhost:8443,"
					+ "reason=hostname_mismatch}=1.0");
	}

	@Test
	void readsPlaintextRefusals() {
		this.registry
			.counter(SecureCommsMeters.PLAINTEXT_REFUSED, "channel", "server", "direction", "inbound", "peer", "client")
			.increment();

		assertThat(this.meters.plaintextRefused().channel("server").count()).isEqualTo(1);
		assertThat(this.meters.handshakeFailures().count()).isZero();
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void failure(String channel, String direction, String peer, String reason) {
		this.registry
			.counter(SecureCommsMeters.HANDSHAKE_FAILURES, "channel", channel, "direction", direction, "peer", peer,
					"reason", reason)
			.increment();
	}

}
