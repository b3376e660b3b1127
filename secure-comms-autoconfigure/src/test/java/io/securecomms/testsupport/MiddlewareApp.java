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
 * A non-web application with a middleware client, and what the middleware tests ask of
 * it, for any channel ({@code mail}, {@code ldap}, {@code kafka}, {@code rabbitmq}, ...):
 * its handshake meters, its plaintext refusals and the connections the starter recorded.
 * <p>
 * Where tests differ in how strictly they check failures, each strictness has its own
 * method; pick the one that says what the test means rather than a weaker one.
 */
public final class MiddlewareApp {

	private static final String HANDSHAKES = "secure.comms.tls.handshakes";

	private static final String FAILURES = "secure.comms.tls.handshake.failures";

	private static final String PLAINTEXT_REFUSED = "secure.comms.plaintext.refused";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private MiddlewareApp() {
	}

	public static ConfigurableApplicationContext start(List<String> properties) {
		return start(List.of(), properties);
	}

	/**
	 * The application with {@code configurations} (say, a test's own client customizer)
	 * added.
	 */
	public static ConfigurableApplicationContext start(List<Class<?>> configurations, List<String> properties) {
		List<Class<?>> sources = new ArrayList<>(List.of(TestApplication.class));
		sources.addAll(configurations);
		List<String> all = new ArrayList<>(
				List.of("spring.main.web-application-type=none", "spring.main.banner-mode=off"));
		all.addAll(properties);
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).properties(all.toArray(String[]::new))
			.run();
	}

	/**
	 * The application with revocation off (the test certificates name no OCSP responder
	 * or CRL), then {@code properties}.
	 */
	public static ConfigurableApplicationContext startWithoutRevocation(List<String> properties) {
		List<String> all = new ArrayList<>(List.of("secure.comms.middleware.revocation=off"));
		all.addAll(properties);
		return start(all);
	}

	/**
	 * Waits until {@code channel}'s handshakes with {@code peer} were timed (a client may
	 * retry: at least one).
	 */
	public static void awaitHandshake(ConfigurableApplicationContext app, String channel, String peer) {
		Awaitility.await().atMost(WAIT).untilAsserted(() -> {
			Timer handshakes = meters(app).find(HANDSHAKES)
				.tags("channel", channel, "direction", "outbound", "peer", peer)
				.timer();
			assertThat(handshakes).as("handshakes " + channel + " " + peer).isNotNull();
			assertThat(handshakes.count()).isPositive();
		});
	}

	/** Checks that no handshake at all was timed, on any channel. */
	public static void assertNoHandshake(ConfigurableApplicationContext app) {
		assertThat(meters(app).find(HANDSHAKES).timers()).isEmpty();
	}

	/** Every handshake failure, on any channel. */
	public static double failures(ConfigurableApplicationContext app) {
		return meters(app).find(FAILURES).counters().stream().mapToDouble(Counter::count).sum();
	}

	/**
	 * {@code channel}'s outbound handshake failures with {@code peer} for {@code reason}.
	 */
	public static double failures(ConfigurableApplicationContext app, String channel, String peer, String reason) {
		return meters(app).find(FAILURES)
			.tags("channel", channel, "direction", "outbound", "peer", peer, "reason", reason)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/**
	 * Waits until exactly one failure is counted, on {@code channel} for {@code peer} and
	 * {@code reason}, and it is the only failure counted on any channel: the client may
	 * report it after the caller saw the exception.
	 */
	public static void awaitOneFailure(ConfigurableApplicationContext app, String channel, String peer, String reason) {
		Awaitility.await().atMost(WAIT).untilAsserted(() -> {
			Counter counter = meters(app).find(FAILURES)
				.tags("channel", channel, "direction", "outbound", "peer", peer, "reason", reason)
				.counter();
			assertThat(counter).as(FAILURES + " " + channel + " " + peer + " " + reason).isNotNull();
			assertThat(counter.count()).isEqualTo(1);
			assertThat(failures(app)).isEqualTo(1);
		});
	}

	/**
	 * Waits until exactly one failure is counted on {@code channel} for {@code peer} and
	 * {@code reason}; unlike {@link #awaitOneFailure}, failures with other tags are not
	 * looked at.
	 */
	public static void awaitOneFailureNotCheckingOthers(ConfigurableApplicationContext app, String channel, String peer,
			String reason) {
		Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(failures(app, channel, peer, reason)).isEqualTo(1));
	}

	/**
	 * Waits until failures on {@code channel} for {@code peer} and {@code reason} are
	 * counted (the client retries, so there may be more than one), and checks they are
	 * all the failures counted.
	 */
	public static void awaitFailures(ConfigurableApplicationContext app, String channel, String peer, String reason) {
		awaitSomeFailure(app, channel, peer, reason);
		assertThat(failures(app)).isEqualTo(failures(app, channel, peer, reason));
	}

	/**
	 * Waits until failures on {@code channel} for {@code peer} and {@code reason} are
	 * counted (a client retries: at least one), checks every failure counter carries that
	 * channel, peer and reason, and that no handshake at all was timed.
	 */
	public static void awaitFailuresAndNoHandshake(ConfigurableApplicationContext app, String channel, String peer,
			String reason) {
		awaitSomeFailure(app, channel, peer, reason);
		assertThat(meters(app).find(FAILURES).counters()).allSatisfy((counter) -> assertThat(counter.getId().getTags())
			.contains(Tag.of("channel", channel), Tag.of("peer", peer), Tag.of("reason", reason)));
		assertNoHandshake(app);
	}

	private static void awaitSomeFailure(ConfigurableApplicationContext app, String channel, String peer,
			String reason) {
		Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(failures(app, channel, peer, reason)).isPositive());
	}

	/**
	 * How often {@code channel}'s TLS client refused {@code peer}'s plaintext answer (0
	 * if never).
	 */
	public static double plaintextRefused(ConfigurableApplicationContext app, String channel, String peer) {
		Counter refused = meters(app).find(PLAINTEXT_REFUSED)
			.tags("channel", channel, "direction", "outbound", "peer", peer)
			.counter();
		return (refused != null) ? refused.count() : 0;
	}

	/**
	 * Waits until {@code channel}'s TLS client is counted refusing {@code peer}'s
	 * plaintext answer (at least once).
	 */
	public static void awaitPlaintextRefused(ConfigurableApplicationContext app, String channel, String peer) {
		Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(plaintextRefused(app, channel, peer))
				.as("plaintext refused on " + channel + " from " + peer)
				.isPositive());
	}

	/**
	 * Waits until {@code channel}'s TLS client is counted refusing {@code peer}'s
	 * plaintext answer exactly once.
	 */
	public static void awaitOnePlaintextRefusal(ConfigurableApplicationContext app, String channel, String peer) {
		Awaitility.await()
			.atMost(WAIT)
			.untilAsserted(() -> assertThat(plaintextRefused(app, channel, peer))
				.as("plaintext refused on " + channel + " from " + peer)
				.isEqualTo(1));
	}

	/** The connections the starter recorded on {@code channel}. */
	public static List<Entry> connections(ConfigurableApplicationContext app, String channel) {
		return app.getBean(MiddlewareConnections.class)
			.entries()
			.stream()
			.filter((entry) -> entry.connection().channel().tag().equals(channel))
			.toList();
	}

	/**
	 * The first connection the starter recorded on {@code channel}; fails if there is
	 * none.
	 */
	public static Entry connection(ConfigurableApplicationContext app, String channel) {
		return connections(app, channel).stream().findFirst().orElseThrow();
	}

	/**
	 * The connection the starter checked, checking it is the only one, on any channel
	 * (Boot's unconfigured defaults of the other drivers on the test class path are only
	 * listed, never checked).
	 */
	public static Entry onlyConnection(ConfigurableApplicationContext app) {
		List<Entry> entries = app.getBean(MiddlewareConnections.class)
			.entries()
			.stream()
			.filter((entry) -> entry.status() != MiddlewareConnections.Status.UNCONFIGURED)
			.toList();
		assertThat(entries).hasSize(1);
		return entries.get(0);
	}

	/**
	 * Asserts that {@code channel}'s client is Boot's unconfigured default: listed as
	 * such, not checked.
	 */
	public static void assertUnconfigured(ConfigurableApplicationContext app, String channel) {
		assertThat(connections(app, channel)).singleElement().satisfies((entry) -> {
			assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.UNCONFIGURED);
			assertThat(entry.weaknesses()).singleElement().asString().startsWith("not checked: nothing configures it");
		});
	}

	/**
	 * The violations report mode let through ({@code secure.comms.policy.violations}).
	 */
	public static double violations(ConfigurableApplicationContext app) {
		return meters(app).get("secure.comms.policy.violations").gauge().value();
	}

	private static MeterRegistry meters(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class);
	}

}
