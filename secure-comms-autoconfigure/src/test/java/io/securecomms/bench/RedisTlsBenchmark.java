package io.securecomms.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsRedis;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Redis round trips (a SET and a GET) over TLS to one local {@code redis-server}, through
 * Spring Boot's Lettuce client with the starter and without it (the baseline:
 * {@code secure.comms.enabled=false}, the same {@code spring.data.redis.ssl.bundle}),
 * alternating in one run: sequentially and from 16 concurrent callers, on the one shared
 * connection Boot's Lettuce factory gives them. Prints operations/s, the ratio
 * starter/baseline (ratio of medians and median of paired ratios) and the new TLS
 * connections, each a full handshake, per 1,000 operations (counted by the server). Run
 * by {@code bench/redis-tls.sh}; {@code -Dcalibrate=true} runs the starter on both sides
 * (A/A).
 */
public final class RedisTlsBenchmark {

	private static final int ROUNDS = Integer.getInteger("rounds", 7);

	private static final int OPERATIONS = Integer.getInteger("operations", 20000);

	private static final int THREADS = Integer.getInteger("threads", 16);

	private static final boolean CALIBRATE = Boolean.getBoolean("calibrate");

	private RedisTlsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Path directory = Files.createTempDirectory("secure-comms-redis-bench");
		Authority ca = TestCertificates.rootCa("redis bench CA");
		ca.writePem(directory, "ca");
		try (TlsRedis server = TlsRedis.presenting(ca.issue(Spec.server("localhost")));
				ConfigurableApplicationContext starter = start(server.port(), directory, true);
				ConfigurableApplicationContext baseline = start(server.port(), directory, CALIBRATE)) {
			ExecutorService callers = Executors.newFixedThreadPool(THREADS);
			StringRedisTemplate[] sides = { starter.getBean(StringRedisTemplate.class),
					baseline.getBean(StringRedisTemplate.class) };
			System.out.printf(Locale.ROOT,
					"%nsecure-comms Redis TLS benchmark%s: %d rounds x %d operations (SET+GET), "
							+ "%d callers when concurrent, %d cores%n",
					CALIBRATE ? " (A/A calibration)" : "", ROUNDS, OPERATIONS, THREADS,
					Runtime.getRuntime().availableProcessors());
			for (int concurrency : new int[] { 1, THREADS }) {
				long connectionsBefore = connections(sides[1]);
				// Warm-up: one measurement's worth on each side.
				run(sides[0], concurrency, callers);
				run(sides[1], concurrency, callers);
				double[][] rates = new double[2][ROUNDS];
				for (int round = 0; round < ROUNDS; round++) {
					int first = round % 2;
					rates[first][round] = run(sides[first], concurrency, callers);
					rates[1 - first][round] = run(sides[1 - first], concurrency, callers);
				}
				long connections = connections(sides[1]) - connectionsBefore;
				double[] paired = new double[ROUNDS];
				for (int round = 0; round < ROUNDS; round++) {
					paired[round] = rates[0][round] / rates[1][round];
				}
				double operations = 2.0 * (ROUNDS + 1) * OPERATIONS;
				System.out.printf(Locale.ROOT,
						"%-22s starter %8.0f ops/s, baseline %8.0f ops/s, ratio %.2f (paired "
								+ "median %.2f); new TLS connections per 1000 operations, both sides: %.3f%n",
						(concurrency == 1) ? "sequential" : concurrency + " concurrent", median(rates[0]),
						median(rates[1]), median(rates[0]) / median(rates[1]), median(paired),
						connections * 1000.0 / operations);
			}
			Timer handshakes = starter.getBean(MeterRegistry.class).find("secure.comms.tls.handshakes").timer();
			System.out.printf(Locale.ROOT, "TLS handshakes the starter timed on channel redis: %d%n",
					(handshakes != null) ? handshakes.count() : 0);
			callers.shutdownNow();
		}
	}

	/** Operations (SET+GET) per second. */
	private static double run(StringRedisTemplate redis, int concurrency, ExecutorService callers) throws Exception {
		int each = OPERATIONS / concurrency;
		long start = System.nanoTime();
		List<Future<?>> running = new ArrayList<>();
		for (int caller = 0; caller < concurrency; caller++) {
			String key = "bench-" + caller;
			running.add(callers.submit(() -> {
				for (int i = 0; i < each; i++) {
					redis.opsForValue().set(key, "value-" + i);
					if (redis.opsForValue().get(key) == null) {
						throw new IllegalStateException("lost " + key);
					}
				}
			}));
		}
		for (Future<?> caller : running) {
			caller.get();
		}
		return each * concurrency / ((System.nanoTime() - start) / 1e9);
	}

	/**
	 * Connections the server accepted since it started: each was a full TLS handshake.
	 */
	private static long connections(StringRedisTemplate redis) {
		try (RedisConnection connection = redis.getRequiredConnectionFactory().getConnection()) {
			return Long.parseLong(connection.serverCommands().info("stats").getProperty("total_connections_received"));
		}
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	private static ConfigurableApplicationContext start(int port, Path directory, boolean starter) {
		return new SpringApplicationBuilder(BenchApplication.class)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"logging.level.root=warn", "secure.comms.enabled=" + starter,
					"secure.comms.middleware.revocation=off", "spring.data.redis.host=localhost",
					"spring.data.redis.port=" + port, "spring.data.redis.ssl.bundle=redis",
					"spring.ssl.bundle.pem.redis.truststore.certificate=file:" + directory.resolve("ca.crt"))
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class BenchApplication {

	}

}
