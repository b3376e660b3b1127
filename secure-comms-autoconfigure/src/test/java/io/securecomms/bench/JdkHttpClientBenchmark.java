package io.securecomms.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;

import javax.net.ssl.SSLContext;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.securecomms.jvm.JvmDefault;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * HTTPS GETs of a small body through the JDK {@code HttpClient}: built with its defaults
 * while secure-comms has installed the JVM's default SSL context (the starter), against
 * one built with a plain {@code SSLContext} from the same SSL bundle (the JVM's own TLS
 * with the same trust: the baseline), alternating in one run, against one local TLS
 * server. Keep-alive (one pooled connection) and new-connection
 * ({@code Connection: close}, so every request opens a connection and resumes the TLS
 * session) variants. Prints requests/s, the ratio starter/baseline and full TLS
 * handshakes per 1,000 requests. Run by {@code bench/jdk-httpclient.sh}.
 */
public final class JdkHttpClientBenchmark {

	private static final int ROUNDS = Integer.getInteger("rounds", 7);

	private static final int REQUESTS = Integer.getInteger("requests", 1000);

	private static final int WARMUP = Integer.getInteger("warmup", 3000);

	/**
	 * A/A run: the baseline is the starter's default too, so the ratios show the
	 * measurement's own noise.
	 */
	private static final boolean CALIBRATE = Boolean.getBoolean("calibrate");

	private JdkHttpClientBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		run();
		System.exit(0);
	}

	private static void run() throws Exception {
		Path directory = Files.createTempDirectory("secure-comms-jdk-httpclient-bench");
		Authority ca = TestCertificates.rootCa("bench CA");
		ca.writePem(directory, "ca");
		try (TlsTestServer server = TlsTestServer.presenting(ca.issue(Spec.server("localhost"))).start();
				ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
					.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
							"logging.level.root=warn",
							"spring.ssl.bundle.pem.backends.truststore.certificate=file:" + directory.resolve("ca.crt"),
							"secure.comms.client.trust-bundle=backends")
					.run()) {
			if (!(SSLContext.getDefault() == app.getBean(JvmDefault.class).context())) {
				throw new IllegalStateException("secure-comms did not install the JVM's default SSL context");
			}
			String url = server.url("/");
			HttpClient starter = HttpClient.newHttpClient();
			SSLContext plain = app.getBean(SslBundles.class).getBundle("backends").createSslContext();
			HttpClient baseline = CALIBRATE ? HttpClient.newHttpClient()
					: HttpClient.newBuilder().sslContext(plain).build();
			List<Arm> arms = List.of(new Arm("keep-alive", load(starter, url, false), load(baseline, url, false)),
					new Arm("new connection", load(starter, url, true), load(baseline, url, true)));
			for (int i = 0; i < 5; i++) {
				for (Arm arm : arms) {
					arm.starter.accept(WARMUP / 5);
					arm.baseline.accept(WARMUP / 5);
				}
			}
			for (int round = 0; round < ROUNDS; round++) {
				for (Arm arm : arms) {
					if (round % 2 == 0) {
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
					"%nsecure-comms JDK HttpClient benchmark%s: %d rounds x %d requests, %d cores%n",
					CALIBRATE ? " (A/A CALIBRATION: baseline is the starter's default too)" : "", ROUNDS, REQUESTS,
					Runtime.getRuntime().availableProcessors());
			System.out.printf(Locale.ROOT, "%-16s %14s %15s %7s %8s %22s%n", "variant", "starter req/s",
					"baseline req/s", "ratio", "paired", "full handshakes/1000");
			for (Arm arm : arms) {
				System.out.printf(Locale.ROOT, "%-16s %14.0f %15.0f %7.2f %8.2f %10.1f / %-10.1f%n", arm.name,
						median(arm.starterRates), median(arm.baselineRates),
						median(arm.starterRates) / median(arm.baselineRates), median(arm.pairedRatios()),
						arm.starterHandshakes * 1000.0 / arm.starterRequests,
						arm.baselineHandshakes * 1000.0 / arm.baselineRequests);
			}
			System.out.printf(Locale.ROOT,
					"%nTLS handshakes observed on channel=jvm-default, resumed ones included: %d%n",
					app.getBean(MeterRegistry.class)
						.find("secure.comms.tls.handshakes")
						.tag("channel", "jvm-default")
						.timers()
						.stream()
						.mapToLong(Timer::count)
						.sum());
			for (Arm arm : arms) {
				System.out.printf(Locale.ROOT, "%s ratio starter/baseline: %.2f (paired median %.2f)%n", arm.name,
						median(arm.starterRates) / median(arm.baselineRates), median(arm.pairedRatios()));
			}
		}
	}

	/**
	 * Sends {@code n} GETs one after the other; {@code close} asks the server to close
	 * each connection.
	 */
	private static IntConsumer load(HttpClient client, String url, boolean close) {
		HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url));
		if (close) {
			builder.header("Connection", "close");
		}
		HttpRequest request = builder.build();
		return (n) -> {
			for (int i = 0; i < n; i++) {
				try {
					HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
					if (response.statusCode() != 200) {
						throw new IllegalStateException("HTTP " + response.statusCode());
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				catch (java.io.IOException ex) {
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

		final String name;

		final IntConsumer starter;

		final IntConsumer baseline;

		final List<Double> starterRates = new ArrayList<>();

		final List<Double> baselineRates = new ArrayList<>();

		long starterHandshakes;

		long starterRequests;

		long baselineHandshakes;

		long baselineRequests;

		Arm(String name, IntConsumer starter, IntConsumer baseline) {
			this.name = name;
			this.starter = starter;
			this.baseline = baseline;
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
