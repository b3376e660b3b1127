package io.securecomms.bench;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.sql.DataSource;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsPostgres;
import org.postgresql.core.PGStream;
import org.postgresql.core.QueryExecutorBase;
import org.postgresql.jdbc.PgConnection;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * JDBC over TLS to one local PostgreSQL (zonky's embedded binaries, its certificate
 * issued for localhost by a generated CA), with the starter and with plain pgjdbc (the
 * baseline), alternating in one run:
 * <ul>
 * <li>new connections per second, each opened (TCP, TLS handshake, startup), used for one
 * {@code SELECT 1} and closed, sequentially. The starter's come from the connection
 * source the starter gives its HikariCP pool (its URL, properties and pgjdbc socket
 * factory); the baseline's from {@code DriverManager} with {@code sslmode=verify-full}
 * and {@code sslrootcert}.</li>
 * <li>pooled {@code SELECT 1}s per second from several threads, each query on a
 * connection borrowed for it, through the starter's HikariCP pool and through a plain
 * HikariCP pool of the same size on the baseline URL.</li>
 * </ul>
 * Both sides first run one measurement's worth each, interleaved, as warm-up; each round
 * then measures both, the side that goes first alternating. Prints the medians over
 * rounds, the ratios starter/baseline, the TLS version and suite each side negotiated,
 * and how many of each side's new connections resumed a TLS session. Run by
 * {@code bench/jdbc-tls.sh}.
 */
public final class JdbcTlsBenchmark {

	private static final int ROUNDS = Integer.getInteger("rounds", 7);

	private static final int CONNECTIONS = Integer.getInteger("connections", 200);

	private static final int QUERIES = Integer.getInteger("queries", 20000);

	private static final int THREADS = Integer.getInteger("threads", 8);

	/**
	 * A/A run: the "baseline" is a second starter context, so the ratios show the
	 * measurement's own noise.
	 */
	private static final boolean CALIBRATE = Boolean.getBoolean("calibrate");

	private static final int RESUMPTION_PROBES = 5;

	private static final String TLS_QUERY = "SELECT version, cipher FROM pg_stat_ssl WHERE pid = pg_backend_pid()";

	private JdbcTlsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
		run();
		System.exit(0);
	}

	private static void run() throws Exception {
		Path directory = Files.createTempDirectory("secure-comms-jdbc-bench");
		Authority ca = TestCertificates.rootCa("bench database CA");
		Path caFile = ca.writePem(directory, "ca");
		try (TlsPostgres postgres = TlsPostgres.presenting(ca.issue(Spec.server("localhost")),
				TestCertificates.rootCa("bench client CA"));
				ConfigurableApplicationContext starterContext = start(caFile, postgres.url("localhost"));
				ConfigurableApplicationContext secondContext = CALIBRATE ? start(caFile, postgres.url("localhost"))
						: null;
				HikariDataSource plainPool = CALIBRATE ? null
						: plainPool(baselineUrl(postgres, caFile), pool(starterContext))) {
			Side starter = starterSide("starter", starterContext);
			Side baseline = CALIBRATE ? starterSide("starter #2", secondContext)
					: baselineSide(baselineUrl(postgres, caFile), plainPool);
			ExecutorService threads = Executors.newFixedThreadPool(THREADS, (task) -> {
				Thread thread = new Thread(task);
				thread.setDaemon(true);
				return thread;
			});
			List<Arm> arms = List.of(
					new Arm("new connections", CONNECTIONS, connections(starter), connections(baseline)),
					new Arm("pooled SELECT 1", QUERIES, queries(starter.pool(), threads),
							queries(baseline.pool(), threads)));
			for (int i = 0; i < 5; i++) {
				for (Arm arm : arms) {
					arm.starter.accept(Math.max(1, arm.size / 5));
					arm.baseline.accept(Math.max(1, arm.size / 5));
				}
			}
			for (int round = 0; round < ROUNDS; round++) {
				for (Arm arm : arms) {
					if (round % 2 == 0) {
						arm.starterRates.add(rate(arm.starter, arm.size));
						arm.baselineRates.add(rate(arm.baseline, arm.size));
					}
					else {
						arm.baselineRates.add(rate(arm.baseline, arm.size));
						arm.starterRates.add(rate(arm.starter, arm.size));
					}
				}
			}
			print(arms, starter, baseline, starterContext, secondContext);
		}
	}

	private static void print(List<Arm> arms, Side starter, Side baseline,
			ConfigurableApplicationContext starterContext, ConfigurableApplicationContext secondContext)
			throws Exception {
		System.out.printf(Locale.ROOT,
				"%nsecure-comms JDBC TLS benchmark%s: %d rounds x %d new connections / %d pooled queries, %d threads, pool size (max/min idle) %d/%d and %d/%d, %d cores%n",
				CALIBRATE ? " (A/A CALIBRATION: baseline is a second starter context)" : "", ROUNDS, CONNECTIONS,
				QUERIES, THREADS, starter.pool().getMaximumPoolSize(), starter.pool().getMinimumIdle(),
				baseline.pool().getMaximumPoolSize(), baseline.pool().getMinimumIdle(),
				Runtime.getRuntime().availableProcessors());
		System.out.printf(Locale.ROOT, "%-18s %12s %13s %7s %8s%n", "measurement", "starter /s", "baseline /s", "ratio",
				"paired");
		for (Arm arm : arms) {
			System.out.printf(Locale.ROOT, "%-18s %12.0f %13.0f %7.2f %8.2f%n", arm.name, median(arm.starterRates),
					median(arm.baselineRates), arm.ratio(), median(arm.pairedRatios()));
		}
		Tls starterNew = tls(starter.connections());
		Tls baselineNew = tls(baseline.connections());
		Tls starterPooled = tls(starter.pool()::getConnection);
		Tls baselinePooled = tls(baseline.pool()::getConnection);
		System.out.printf(Locale.ROOT, "%nTLS of new connections:    starter %s, baseline %s%s%n", starterNew,
				baselineNew, likeForLike(starterNew, baselineNew));
		System.out.printf(Locale.ROOT, "TLS of pooled connections: starter %s, baseline %s%s%n", starterPooled,
				baselinePooled, likeForLike(starterPooled, baselinePooled));
		int starterResumed = resumed(starter.connections());
		int baselineResumed = resumed(baseline.connections());
		System.out.printf(Locale.ROOT,
				"TLS sessions resumed by %d new connections in a row: starter %d, baseline %d%s%n", RESUMPTION_PROBES,
				starterResumed, baselineResumed,
				((starterResumed == 0) == (baselineResumed == 0)) ? ""
						: " (UNEQUAL: the JDK client resumes on the " + ((starterResumed > 0) ? "starter" : "baseline")
								+ " side only, so new connections are not like for like)");
		System.out.printf(Locale.ROOT, "Metrics tracker of the pools: starter %s, baseline %s%n",
				trackerOf(starter.pool()), trackerOf(baseline.pool()));
		System.out.printf(Locale.ROOT, "JDBC TLS handshakes the starter counted: %d%s%n", handshakes(starterContext),
				(secondContext != null) ? " + " + handshakes(secondContext) + " (second context)" : "");
		System.out.println();
		for (Arm arm : arms) {
			System.out.printf(Locale.ROOT, "%s ratio starter/baseline: %.2f (paired median %.2f)%n", arm.name,
					arm.ratio(), median(arm.pairedRatios()));
		}
		System.out.println("Target: a ratio of at least 0.95.");
	}

	private static ConfigurableApplicationContext start(Path caFile, String url) {
		return new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"logging.level.root=warn", "spring.datasource.url=" + url, "spring.datasource.username=postgres",
					"secure.comms.jdbc.trust-bundle=database", "secure.comms.jdbc.revocation=off",
					"spring.ssl.bundle.pem.database.truststore.certificate=file:" + caFile)
			.run();
	}

	private static String baselineUrl(TlsPostgres postgres, Path caFile) {
		return postgres.url("localhost") + "?sslmode=verify-full&sslrootcert=" + caFile;
	}

	private static HikariDataSource pool(ConfigurableApplicationContext context) {
		return context.getBean(HikariDataSource.class);
	}

	private static HikariDataSource plainPool(String url, HikariDataSource like) {
		HikariDataSource pool = new HikariDataSource();
		pool.setPoolName("baseline");
		pool.setJdbcUrl(url);
		pool.setUsername("postgres");
		pool.setMaximumPoolSize(like.getMaximumPoolSize());
		if (like.getMinimumIdle() >= 0) {
			pool.setMinimumIdle(like.getMinimumIdle());
		}
		// Boot's actuator gives the starter's pool a Micrometer tracker (a timer per
		// borrow); the same here, so
		// that the comparison measures the starter and nothing else.
		if (like.getMetricsTrackerFactory() != null) {
			pool.setMetricsTrackerFactory(like.getMetricsTrackerFactory());
		}
		return pool;
	}

	/**
	 * New connections from the pool's connection source, which the starter set up; the
	 * pool itself as is.
	 */
	private static Side starterSide(String name, ConfigurableApplicationContext context) {
		HikariDataSource pool = pool(context);
		DataSource source = pool.getDataSource();
		if (source == null) {
			throw new IllegalStateException("The starter did not give " + name + "'s pool a connection source");
		}
		return new Side(name, source::getConnection, pool);
	}

	private static Side baselineSide(String url, HikariDataSource pool) {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		return new Side("baseline", () -> DriverManager.getConnection(url, properties), pool);
	}

	private static IntConsumer connections(Side side) {
		return (n) -> {
			for (int i = 0; i < n; i++) {
				selectOne(side.connections());
			}
		};
	}

	private static IntConsumer queries(DataSource pool, ExecutorService threads) {
		return (n) -> {
			List<Future<?>> calls = new ArrayList<>();
			for (int t = 0; t < THREADS; t++) {
				int share = n / THREADS + ((t < n % THREADS) ? 1 : 0);
				calls.add(threads.submit(() -> {
					for (int i = 0; i < share; i++) {
						selectOne(pool::getConnection);
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

	private static void selectOne(ConnectionSource source) {
		try (Connection connection = source.open();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT 1")) {
			result.next();
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static double rate(IntConsumer load, int n) {
		long start = System.nanoTime();
		load.accept(n);
		return n / ((System.nanoTime() - start) / 1e9);
	}

	private static Tls tls(ConnectionSource source) throws SQLException {
		try (Connection connection = source.open();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(TLS_QUERY)) {
			result.next();
			return new Tls(result.getString("version"), result.getString("cipher"));
		}
	}

	private static String likeForLike(Tls starter, Tls baseline) {
		if (!"TLSv1.3".equals(starter.version()) || !"TLSv1.3".equals(baseline.version())) {
			return " (NOT TLS 1.3 on both sides)";
		}
		return starter.equals(baseline) ? " (TLS 1.3 on both, same suite)" : " (TLS 1.3 on both, DIFFERENT suites)";
	}

	/**
	 * How many of a few new connections, opened one after another, resumed a TLS session:
	 * a resumed session keeps the creation time of the full handshake that made it, so it
	 * is older than its connection.
	 */
	private static int resumed(ConnectionSource source) throws Exception {
		Field stream = QueryExecutorBase.class.getDeclaredField("pgStream");
		stream.setAccessible(true);
		int resumed = 0;
		for (int i = 0; i < RESUMPTION_PROBES; i++) {
			Thread.sleep(5);
			long opened = System.currentTimeMillis();
			try (Connection connection = source.open()) {
				PGStream pgStream = (PGStream) stream.get(connection.unwrap(PgConnection.class).getQueryExecutor());
				SSLSession session = ((SSLSocket) pgStream.getSocket()).getSession();
				resumed += (session.getCreationTime() < opened) ? 1 : 0;
			}
		}
		return resumed;
	}

	private static String trackerOf(HikariDataSource pool) {
		return (pool.getMetricsTrackerFactory() != null) ? pool.getMetricsTrackerFactory().getClass().getSimpleName()
				: "none";
	}

	private static long handshakes(ConfigurableApplicationContext context) {
		return context.getBean(MeterRegistry.class)
			.find("secure.comms.tls.handshakes")
			.tag("channel", "jdbc")
			.timers()
			.stream()
			.mapToLong(Timer::count)
			.sum();
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted(Comparator.naturalOrder()).toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	@FunctionalInterface
	private interface ConnectionSource {

		Connection open() throws SQLException;

	}

	/**
	 * @param connections opens a new physical connection on each call
	 * @param pool the side's pool
	 */
	private record Side(String name, ConnectionSource connections, HikariDataSource pool) {
	}

	private record Tls(String version, String cipher) {

		@Override
		public String toString() {
			return this.version + " " + this.cipher;
		}

	}

	private static final class Arm {

		final String name;

		final int size;

		final IntConsumer starter;

		final IntConsumer baseline;

		final List<Double> starterRates = new ArrayList<>();

		final List<Double> baselineRates = new ArrayList<>();

		Arm(String name, int size, IntConsumer starter, IntConsumer baseline) {
			this.name = name;
			this.size = size;
			this.starter = starter;
			this.baseline = baseline;
		}

		double ratio() {
			return median(this.starterRates) / median(this.baselineRates);
		}

		List<Double> pairedRatios() {
			List<Double> ratios = new ArrayList<>();
			for (int i = 0; i < this.starterRates.size(); i++) {
				ratios.add(this.starterRates.get(i) / this.baselineRates.get(i));
			}
			return ratios;
		}

	}

}
