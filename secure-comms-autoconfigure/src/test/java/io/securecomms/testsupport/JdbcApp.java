package io.securecomms.testsupport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.awaitility.Awaitility;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A non-web application whose DataSource trusts the JDBC bundle {@code database} (one CA
 * certificate), and what the JDBC tests ask of it: a query, and the {@code jdbc}
 * channel's failure meter.
 */
public final class JdbcApp {

	private static final String FAILURES = "secure.comms.tls.handshake.failures";

	private JdbcApp() {
	}

	public static ConfigurableApplicationContext start(Path caCertificate, List<String> properties) {
		return start(TestApplication.class, caCertificate, properties);
	}

	public static ConfigurableApplicationContext start(Class<?> configuration, Path caCertificate,
			List<String> properties) {
		List<String> all = new ArrayList<>(
				List.of("spring.main.web-application-type=none", "spring.main.banner-mode=off",
						"secure.comms.jdbc.trust-bundle=database", "secure.comms.jdbc.revocation=off",
						"spring.ssl.bundle.pem.database.truststore.certificate=file:" + caCertificate));
		all.addAll(properties);
		return new SpringApplicationBuilder(configuration).properties(all.toArray(String[]::new)).run();
	}

	/**
	 * Starts the application and, if it starts, runs a query: the first connection goes
	 * out then.
	 */
	public static void startAndSelectOne(Class<?> configuration, Path caCertificate, List<String> properties) {
		try (ConfigurableApplicationContext app = start(configuration, caCertificate, properties)) {
			selectOne(app);
		}
	}

	public static Integer selectOne(ConfigurableApplicationContext app) {
		return app.getBean(JdbcTemplate.class).queryForObject("SELECT 1", Integer.class);
	}

	/** Every handshake failure, on any channel. */
	public static double failures(ConfigurableApplicationContext app) {
		return app.getBean(MeterRegistry.class).find(FAILURES).counters().stream().mapToDouble(Counter::count).sum();
	}

	/** Failures of data source {@code dataSource} for {@code reason}. */
	public static double failures(ConfigurableApplicationContext app, String reason) {
		return app.getBean(MeterRegistry.class)
			.find(FAILURES)
			.tags("channel", "jdbc", "direction", "outbound", "peer", "dataSource", "reason", reason)
			.counters()
			.stream()
			.mapToDouble(Counter::count)
			.sum();
	}

	/**
	 * Refusals of data source {@code dataSource}'s server that would only talk plaintext.
	 */
	public static double plaintextRefused(ConfigurableApplicationContext app) {
		Counter refused = app.getBean(MeterRegistry.class)
			.find("secure.comms.plaintext.refused")
			.tags("channel", "jdbc", "direction", "outbound", "peer", "dataSource")
			.counter();
		return (refused != null) ? refused.count() : 0;
	}

	/**
	 * Waits until data source {@code dataSource}'s handshakes with {@code protocol} are
	 * timed: JSSE tells handshake listeners on a thread of its own, so the timer may lag
	 * the query.
	 */
	public static void awaitHandshakes(ConfigurableApplicationContext app, String protocol) {
		Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			Timer handshakes = app.getBean(MeterRegistry.class)
				.find("secure.comms.tls.handshakes")
				.tags("channel", "jdbc", "direction", "outbound", "peer", "dataSource", "protocol", protocol)
				.timer();
			assertThat(handshakes).isNotNull();
			assertThat(handshakes.count()).isPositive();
		});
	}

	/**
	 * The query fails saying {@code why}, and exactly one failure is counted, for
	 * {@code reason}.
	 */
	public static void assertRefused(ConfigurableApplicationContext app, String reason, String why) {
		assertThatException().isThrownBy(() -> selectOne(app)).withStackTraceContaining(why);
		assertThat(failures(app, reason)).isEqualTo(1);
		assertThat(failures(app)).isEqualTo(1);
	}

}
