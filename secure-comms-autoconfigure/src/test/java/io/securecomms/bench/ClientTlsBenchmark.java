package io.securecomms.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import reactor.core.publisher.Flux;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * HTTPS GETs of a small body through RestClient and WebClient to a local TLS server, with
 * the starter and with Spring Boot's own HttpComponents clients configured through an SSL
 * bundle (the baseline), alternating in one run. Prints requests/s, the ratio
 * starter/baseline, and full TLS handshakes per 1,000 requests (counted by the server,
 * which chooses its certificate only in full handshakes). Run by
 * {@code bench/client-tls.sh}.
 */
public final class ClientTlsBenchmark {

	private static final int ROUNDS = Integer.getInteger("rounds", 5);

	private static final int REQUESTS = Integer.getInteger("requests", 2000);

	private static final int THREADS = Integer.getInteger("threads", 32);

	private static final int WARMUP = Integer.getInteger("warmup", 5000);

	/**
	 * A/A run: the "baseline" is a second starter context, so the ratios show the
	 * measurement's own noise.
	 */
	private static final boolean CALIBRATE = Boolean.getBoolean("calibrate");

	private static final String[] STARTER = { "secure.comms.client.trust-bundle=backends" };

	private static final String[] BOOT_HTTP_COMPONENTS = { "secure.comms.enabled=false",
			"spring.http.clients.ssl.bundle=backends", "spring.http.clients.imperative.factory=http-components",
			"spring.http.clients.reactive.connector=http-components" };

	private ClientTlsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		run();
		// The concurrent RestClient arms' thread pools are not daemons.
		System.exit(0);
	}

	private static void run() throws Exception {
		Path directory = Files.createTempDirectory("secure-comms-client-bench");
		Authority ca = TestCertificates.rootCa("bench CA");
		ca.writePem(directory, "ca");
		try (TlsTestServer server = TlsTestServer.presenting(ca.issue(Spec.server("localhost"))).start();
				ConfigurableApplicationContext starter = start(directory, STARTER);
				ConfigurableApplicationContext baseline = start(directory,
						CALIBRATE ? STARTER : BOOT_HTTP_COMPONENTS)) {
			String url = server.url("/");
			List<Arm> arms = new ArrayList<>();
			for (String client : List.of("RestClient", "WebClient")) {
				for (boolean concurrent : List.of(false, true)) {
					arms.add(new Arm(client, concurrent, load(starter, client, url, concurrent),
							load(baseline, client, url, concurrent)));
				}
			}
			// Both sides in every arm, interleaved, until the JIT has compiled both code
			// paths.
			for (int i = 0; i < 5; i++) {
				for (Arm arm : arms) {
					arm.starter.accept(WARMUP / 5);
					arm.baseline.accept(WARMUP / 5);
				}
			}
			for (int round = 0; round < ROUNDS; round++) {
				for (Arm arm : arms) {
					boolean starterFirst = round % 2 == 0;
					if (starterFirst) {
						arm.measureStarter(server);
						arm.measureBaseline(server);
					}
					else {
						arm.measureBaseline(server);
						arm.measureStarter(server);
					}
				}
			}
			System.out.printf(Locale.ROOT,
					"%nsecure-comms client TLS benchmark%s: %d rounds x %d requests, %d threads when concurrent, %d cores%n",
					CALIBRATE ? " (A/A CALIBRATION: baseline is a second starter context)" : "", ROUNDS, REQUESTS,
					THREADS, Runtime.getRuntime().availableProcessors());
			System.out.printf(Locale.ROOT, "%-24s %14s %15s %7s %8s %22s%n", "client", "starter req/s",
					"baseline req/s", "ratio", "paired", "full handshakes/1000");
			for (Arm arm : arms) {
				System.out.printf(Locale.ROOT, "%-24s %14.0f %15.0f %7.2f %8.2f %10.1f / %-10.1f%n", arm.name(),
						median(arm.starterRates), median(arm.baselineRates),
						median(arm.starterRates) / median(arm.baselineRates), median(arm.pairedRatios()),
						arm.starterHandshakes * 1000.0 / arm.starterRequests,
						arm.baselineHandshakes * 1000.0 / arm.baselineRequests);
			}
			System.out.printf(Locale.ROOT, "%nTLS handshakes of the starter's clients, resumed ones included: %d%n",
					starter.getBean(MeterRegistry.class)
						.find("secure.comms.tls.handshakes")
						.timers()
						.stream()
						.mapToLong(Timer::count)
						.sum());
			System.out.println();
			for (Arm arm : arms) {
				System.out.printf(Locale.ROOT,
						"%s ratio starter/baseline: %.2f (paired median %.2f); full handshakes per 1000 requests: starter %.1f, baseline %.1f%n",
						arm.name(), median(arm.starterRates) / median(arm.baselineRates), median(arm.pairedRatios()),
						arm.starterHandshakes * 1000.0 / arm.starterRequests,
						arm.baselineHandshakes * 1000.0 / arm.baselineRequests);
			}
		}
	}

	private static ConfigurableApplicationContext start(Path directory, String... extra) {
		List<String> properties = new ArrayList<>(List.of("spring.main.web-application-type=none",
				"spring.main.banner-mode=off", "logging.level.root=warn",
				"spring.ssl.bundle.pem.backends.truststore.certificate=file:" + directory.resolve("ca.crt")));
		properties.addAll(List.of(extra));
		return new SpringApplicationBuilder(TestApplication.class).properties(properties.toArray(String[]::new)).run();
	}

	/** Sends {@code n} GETs, sequentially or from {@link #THREADS} at once. */
	private static IntConsumer load(ConfigurableApplicationContext context, String client, String url,
			boolean concurrent) {
		if (client.equals("WebClient")) {
			WebClient webClient = context.getBean(WebClient.Builder.class).build();
			return (n) -> Flux.range(0, n)
				.flatMap((i) -> webClient.get().uri(url).retrieve().bodyToMono(String.class), concurrent ? THREADS : 1)
				.blockLast(Duration.ofMinutes(5));
		}
		RestClient restClient = context.getBean(RestClient.Builder.class).build();
		if (!concurrent) {
			return (n) -> {
				for (int i = 0; i < n; i++) {
					restClient.get().uri(url).retrieve().body(String.class);
				}
			};
		}
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		return (n) -> {
			List<Future<?>> calls = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int share = n / THREADS + ((t < n % THREADS) ? 1 : 0);
				calls.add(pool.submit(() -> {
					for (int i = 0; i < share; i++) {
						restClient.get().uri(url).retrieve().body(String.class);
					}
				}));
			}
			for (Future<?> call : calls) {
				try {
					call.get();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		};
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static final class Arm {

		final String client;

		final boolean concurrent;

		final IntConsumer starter;

		final IntConsumer baseline;

		final List<Double> starterRates = new ArrayList<>();

		final List<Double> baselineRates = new ArrayList<>();

		long starterHandshakes;

		long starterRequests;

		long baselineHandshakes;

		long baselineRequests;

		Arm(String client, boolean concurrent, IntConsumer starter, IntConsumer baseline) {
			this.client = client;
			this.concurrent = concurrent;
			this.starter = starter;
			this.baseline = baseline;
		}

		String name() {
			return this.client + (this.concurrent ? " concurrent" : " sequential");
		}

		void measureStarter(TlsTestServer server) {
			long before = server.fullHandshakes();
			this.starterRates.add(rate(this.starter));
			this.starterHandshakes += server.fullHandshakes() - before;
			this.starterRequests += REQUESTS;
		}

		void measureBaseline(TlsTestServer server) {
			long before = server.fullHandshakes();
			this.baselineRates.add(rate(this.baseline));
			this.baselineHandshakes += server.fullHandshakes() - before;
			this.baselineRequests += REQUESTS;
		}

		List<Double> pairedRatios() {
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < this.starterRates.size(); i++) {
				ratios.add(this.starterRates.get(i) / this.baselineRates.get(i));
			}
			return ratios;
		}

		private static double rate(IntConsumer load) {
			long start = System.nanoTime();
			load.accept(REQUESTS);
			return REQUESTS / ((System.nanoTime() - start) / 1e9);
		}

	}

}
