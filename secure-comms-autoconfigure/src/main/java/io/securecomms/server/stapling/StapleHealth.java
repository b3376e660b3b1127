package io.securecomms.server.stapling;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.PeerText;
import io.securecomms.server.ServerTlsCheck;
import io.securecomms.server.stapling.StapleOutcome.Status;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;

/**
 * Watches whether each stapling listener (the application's port and a separate
 * management port, on Tomcat, Jetty or Reactor Netty) can have a staple: once the web
 * server has started and then every {@link #period half the JDK's staple cache lifetime},
 * on a daemon thread of its own, it asks the listener's OCSP responder
 * ({@link StapleProbe}). A listener that has no staple is logged at WARN when it gets
 * into that state (at ERROR when its certificate is revoked), at INFO when it gets out,
 * and every such probe is counted ({@link StapleFailures}). The JDK itself says nothing
 * when it cannot fetch a staple.
 */
public final class StapleHealth implements ApplicationListener<WebServerInitializedEvent>, AutoCloseable {

	static final String CACHE_LIFETIME = "jdk.tls.stapling.cacheLifetime";

	/** The JDK's default staple cache lifetime, in seconds. */
	static final long DEFAULT_CACHE_LIFETIME = 3600;

	static final Duration MIN_PERIOD = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(StapleHealth.class);

	private final StapleProbe probe;

	private final Duration period;

	private final List<StapleFailures> failures;

	private final @Nullable SslBundles bundles;

	private final List<Watched> listeners = new ArrayList<>();

	private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "secure-comms-staple-health");
		thread.setDaemon(true);
		return thread;
	});

	/**
	 * @param period how often each listener is probed after the first time
	 * @param failures told of every probe that finds no good staple
	 * @param bundles the application's SSL bundles, for servers that name a bundle
	 */
	public StapleHealth(StapleProbe probe, Duration period, List<StapleFailures> failures,
			@Nullable SslBundles bundles) {
		this.probe = probe;
		this.period = period;
		this.failures = List.copyOf(failures);
		this.bundles = bundles;
	}

	/**
	 * Half the JDK's staple cache lifetime ({@code jdk.tls.stapling.cacheLifetime}, in
	 * seconds, 3600 unless set; 0 turns the cache off, then the default is used), at
	 * least {@link #MIN_PERIOD}: a responder outage is noticed before the JDK's cached
	 * staple runs out.
	 */
	public static Duration period(Function<String, @Nullable String> properties) {
		long lifetime = DEFAULT_CACHE_LIFETIME;
		String configured = properties.apply(CACHE_LIFETIME);
		if (configured != null) {
			try {
				long parsed = Long.parseLong(configured.trim());
				lifetime = (parsed > 0) ? parsed : DEFAULT_CACHE_LIFETIME;
			}
			catch (NumberFormatException ex) {
				// the JDK falls back to its default too
			}
		}
		Duration half = Duration.ofSeconds(lifetime).dividedBy(2);
		return (half.compareTo(MIN_PERIOD) < 0) ? MIN_PERIOD : half;
	}

	public Duration period() {
		return this.period;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		ApplicationContext context = event.getApplicationContext();
		Channel channel = "management".equals(event.getApplicationContext().getServerNamespace()) ? Channel.MANAGEMENT
				: Channel.SERVER;
		// Only the starting context's own factory: a management child context must not be
		// read with the parent's.
		for (AbstractConfigurableWebServerFactory factory : context
			.getBeansOfType(AbstractConfigurableWebServerFactory.class, false, false)
			.values()) {
			Ssl ssl = factory.getSsl();
			if (Ssl.isEnabled(ssl)) {
				SslBundles own = factory.getSslBundles();
				SslBundles bundles = (own != null) ? own : this.bundles;
				ServerTlsCheck check = new ServerTlsCheck(bundles);
				watch(new Listener(channel, event.getWebServer().getPort(), () -> check.presentedChain(ssl)));
				return;
			}
		}
	}

	/**
	 * Probes {@code listener} now (on the probing thread) and every {@link #period}.
	 */
	public void watch(Listener listener) {
		if (watchedOn(listener.channel().tag(), listener.port()) != null) {
			// The same server started again (a context stopped and started): it is
			// watched already.
			return;
		}
		Watched watched = track(listener);
		this.scheduler.scheduleWithFixedDelay(() -> probe(watched), 0, this.period.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Adds {@code listener} to those {@link #probeNow} probes, without probing it.
	 */
	Watched track(Listener listener) {
		Watched watched = new Watched(listener);
		synchronized (this.listeners) {
			this.listeners.add(watched);
		}
		return watched;
	}

	/**
	 * Probes every watched listener now, on the calling thread.
	 * @return what each probe found, in the order the listeners started
	 */
	public List<StapleOutcome> probeNow() {
		List<StapleOutcome> outcomes = new ArrayList<>();
		for (Watched watched : watched()) {
			outcomes.add(probe(watched));
		}
		return outcomes;
	}

	/**
	 * What the latest probe of the listener on {@code port} found, or {@code null} when
	 * it is not watched or not probed yet.
	 * @param server {@code server} or {@code management}
	 */
	public @Nullable StapleOutcome latest(String server, int port) {
		Watched watched = watchedOn(server, port);
		return (watched != null) ? watched.latest() : null;
	}

	private @Nullable Watched watchedOn(String server, int port) {
		for (Watched watched : watched()) {
			if (watched.listener.channel().tag().equals(server) && watched.listener.port() == port) {
				return watched;
			}
		}
		return null;
	}

	private List<Watched> watched() {
		synchronized (this.listeners) {
			return List.copyOf(this.listeners);
		}
	}

	private StapleOutcome probe(Watched watched) {
		try {
			List<X509Certificate> chain = watched.listener.chain().get();
			return watched.record(chain, this.probe.probe(chain));
		}
		catch (RuntimeException ex) {
			// The next probe comes all the same.
			StapleOutcome outcome = StapleOutcome.unavailable(StapleOutcome.Reason.OTHER, null,
					StapleProbe.describe(ex));
			return watched.record(List.of(), outcome);
		}
	}

	@Override
	public void close() {
		this.scheduler.shutdownNow();
	}

	/** Why a probe found no good staple; {@code other} when it did not say. */
	private static StapleOutcome.Reason reasonOf(StapleOutcome outcome) {
		StapleOutcome.Reason reason = outcome.reason();
		return (reason != null) ? reason : StapleOutcome.Reason.OTHER;
	}

	private static String responder(StapleOutcome outcome) {
		String responder = outcome.responder();
		return (responder != null) ? PeerText.escape(responder) : "(none)";
	}

	private static String certificate(List<X509Certificate> chain) {
		if (chain.isEmpty()) {
			return "(unreadable)";
		}
		X509Certificate leaf = chain.get(0);
		return "'" + PeerText.subjectOf(leaf) + "' (serial " + leaf.getSerialNumber().toString(16) + ")";
	}

	/**
	 * A listening port that staples.
	 *
	 * @param channel {@link Channel#SERVER} or {@link Channel#MANAGEMENT}
	 * @param port the port it listens on
	 * @param chain the chain it presents, leaf first, read at each probe
	 */
	public record Listener(Channel channel, int port, Supplier<List<X509Certificate>> chain) {

		String describe() {
			return "the " + this.channel.tag() + " port " + this.port;
		}

	}

	/** A listener and what its latest probe found. */
	private final class Watched {

		private final Listener listener;

		private @Nullable StapleOutcome latest;

		Watched(Listener listener) {
			this.listener = listener;
		}

		synchronized @Nullable StapleOutcome latest() {
			return this.latest;
		}

		synchronized StapleOutcome record(List<X509Certificate> chain, StapleOutcome outcome) {
			StapleOutcome previous = this.latest;
			this.latest = outcome;
			if (!outcome.good()) {
				StapleHealth.this.failures
					.forEach((failures) -> failures.failed(this.listener.channel(), reasonOf(outcome)));
			}
			boolean changed = previous == null || previous.status() != outcome.status()
					|| previous.reason() != outcome.reason();
			if (!changed) {
				return outcome;
			}
			String certificate = certificate(chain);
			if (outcome.status() == Status.REVOKED) {
				logger.error("OCSP stapling on " + this.listener.describe() + ": the server's own certificate "
						+ certificate + " is REVOKED, says its OCSP responder " + responder(outcome) + " ("
						+ PeerText.escape(outcome.cause()) + "). The server staples that status: clients that check "
						+ "revocation refuse its handshakes. Replace the certificate.");
			}
			else if (outcome.status() == Status.UNAVAILABLE) {
				logger.warn("No OCSP staple on " + this.listener.describe() + " [reason " + reasonOf(outcome).tag()
						+ "]: the status of certificate " + certificate + " cannot be had from OCSP responder "
						+ responder(outcome) + ": " + PeerText.escape(outcome.cause())
						+ ". Handshakes go on without a staple; clients that require one will fail. Probed again every "
						+ StapleHealth.this.period.toSeconds() + " s; counted on " + StapleFailureMeters.FAILURES
						+ ".");
			}
			else if (previous != null) {
				logger.info("OCSP staple on " + this.listener.describe() + " available again: responder "
						+ responder(outcome) + " answers good for certificate " + certificate + ".");
			}
			return outcome;
		}

	}

}
