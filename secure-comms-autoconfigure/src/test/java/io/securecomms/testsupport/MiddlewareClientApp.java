package io.securecomms.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareConnections.Entry;
import org.awaitility.Awaitility;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A non-web application with a middleware client, and what the middleware tests ask of it: the channel's
 * handshake meters and the connections the starter recorded.
 */
public final class MiddlewareClientApp {

	private MiddlewareClientApp() {
	}

	/** Revocation is off: the test certificates name no OCSP responder or CRL. */
	public static ConfigurableApplicationContext start(List<String> properties) {
		List<String> all = new ArrayList<>(List.of("spring.main.web-application-type=none",
				"spring.main.banner-mode=off", "secure.comms.middleware.revocation=off"));
		all.addAll(properties);
		return new SpringApplicationBuilder(TestApplication.class).properties(all.toArray(String[]::new)).run();
	}

	/** Waits until {@code channel}'s handshakes with {@code peer} were timed (a client retries: at least one). */
	public static void awaitHandshakes(ConfigurableApplicationContext app, String channel, String peer) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Timer handshakes = app.getBean(MeterRegistry.class)
				.find("secure.comms.tls.handshakes")
				.tags("channel", channel, "direction", "outbound", "peer", peer)
				.timer();
			assertThat(handshakes).as("handshakes on " + channel + " with " + peer).isNotNull();
			assertThat(handshakes.count()).isPositive();
		});
	}

	/** Waits until a failure for {@code reason} is counted, and checks it is the only kind counted. */
	public static void awaitFailures(ConfigurableApplicationContext app, String channel, String peer, String reason) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(failures(app, channel, peer, reason)).isPositive());
		assertThat(app.getBean(MeterRegistry.class).find("secure.comms.tls.handshake.failures").counters())
			.allSatisfy((counter) -> assertThat(counter.getId().getTags()).contains(
					Tag.of("channel", channel),
					Tag.of("peer", peer),
					Tag.of("reason", reason)));
		assertThat(app.getBean(MeterRegistry.class).find("secure.comms.tls.handshakes").timers()).isEmpty();
	}

	/** Waits until {@code channel}'s TLS client is counted refusing {@code peer}'s plaintext answer. */
	public static void awaitPlaintextRefused(ConfigurableApplicationContext app, String channel, String peer) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Counter refused = app.getBean(MeterRegistry.class)
				.find("secure.comms.plaintext.refused")
				.tags("channel", channel, "direction", "outbound", "peer", peer)
				.counter();
			assertThat(refused).as("plaintext refused on " + channel + " from " + peer).isNotNull();
			assertThat(refused.count()).isPositive();
		});
	}

	/** Every handshake failure, on any channel. */
	public static double failures(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class)
			.find("secure.comms.tls.handshake.failures")
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	public static double failures(ConfigurableApplicationContext app, String channel, String peer, String reason) {
		return app.getBean(MeterRegistry.class)
			.find("secure.comms.tls.handshake.failures")
			.tags("channel", channel, "direction", "outbound", "peer", peer, "reason", reason)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/** The connections the starter recorded on {@code channel}. */
	public static List<Entry> connections(ConfigurableApplicationContext app, String channel) {
		return app.getBean(MiddlewareConnections.class)
			.entries()
			.stream()
			.filter((entry) -> entry.connection().channel().tag().equals(channel))
			.toList();
	}

	/** The violations report mode let through ({@code secure.comms.policy.violations}). */
	public static double violations(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class).get("secure.comms.policy.violations").gauge().value();
	}

}
