package io.securecomms.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.awaitility.Awaitility;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A non-web application with a middleware client, and what the middleware tests read of it: one channel's
 * handshake meters.
 */
public final class MiddlewareApp {

	private static final String FAILURES = "secure.comms.tls.handshake.failures";

	private MiddlewareApp() {
	}

	public static ConfigurableApplicationContext start(List<String> properties) {
		return start(List.of(), properties);
	}

	/** The application with {@code configurations} (say, a test's own client customizer) added. */
	public static ConfigurableApplicationContext start(List<Class<?>> configurations, List<String> properties) {
		List<Class<?>> sources = new ArrayList<>(List.of(TestApplication.class));
		sources.addAll(configurations);
		List<String> all = new ArrayList<>(List.of("spring.main.web-application-type=none",
				"spring.main.banner-mode=off"));
		all.addAll(properties);
		return new SpringApplicationBuilder(sources.toArray(Class<?>[]::new)).properties(all.toArray(String[]::new)).run();
	}

	/** Every handshake failure, on any channel. */
	public static double failures(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class).find(FAILURES).counters().stream().mapToDouble(Counter::count).sum();
	}

	/**
	 * Waits until exactly one failure is counted, on {@code channel} for {@code peer} and {@code reason}: the
	 * client may report it after the caller saw the exception.
	 */
	public static void awaitOneFailure(ConfigurableApplicationContext app, String channel, String peer,
			String reason) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Counter counter = app.getBean(MeterRegistry.class)
				.find(FAILURES)
				.tags("channel", channel, "direction", "outbound", "peer", peer, "reason", reason)
				.counter();
			assertThat(counter).as(FAILURES + " " + channel + " " + peer + " " + reason).isNotNull();
			assertThat(counter.count()).isEqualTo(1);
			assertThat(failures(app)).isEqualTo(1);
		});
	}

	/** Waits until a successful handshake with {@code peer} is timed on {@code channel}. */
	public static void awaitHandshake(ConfigurableApplicationContext app, String channel, String peer) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Timer handshakes = app.getBean(MeterRegistry.class)
				.find("secure.comms.tls.handshakes")
				.tags("channel", channel, "direction", "outbound", "peer", peer)
				.timer();
			assertThat(handshakes).as("handshakes " + channel + " " + peer).isNotNull();
			assertThat(handshakes.count()).isPositive();
		});
	}

}
