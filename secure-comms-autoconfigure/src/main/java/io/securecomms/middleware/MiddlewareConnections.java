package io.securecomms.middleware;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.securecomms.metrics.Channel;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.Violation;

/**
 * Every middleware connection the starter checked, and the one place that applies the
 * mode to what weakens one: a violation (enforce stops startup, report logs, counts and
 * lists it), unless the channel is listed in
 * {@code secure.comms.middleware.plaintext-allowed} or {@code require-tls} is off, which
 * are shown, never silent.
 * <p>
 * Telemetry exporters ({@code channel=monitoring}) are recorded here too, under their own
 * rule: {@code require-tls} is about middleware and does not let a plaintext exporter
 * through; only listing {@code monitoring} in {@code plaintext-allowed} does (or
 * disabling that export).
 */
public final class MiddlewareConnections {

	static final String PLAINTEXT_ALLOWED = "secure.comms.middleware.plaintext-allowed";

	private static final Log logger = LogFactory.getLog(MiddlewareConnections.class);

	private final boolean requireTls;

	private final Set<String> plaintextAllowed;

	private final PolicyViolations violations;

	private final List<Entry> entries = new ArrayList<>();

	/**
	 * @param plaintextAllowed channel tags that may stay plaintext
	 * @throws io.securecomms.policy.InsecureConfigurationException when a tag names no
	 * middleware channel
	 */
	public MiddlewareConnections(boolean requireTls, List<String> plaintextAllowed, PolicyViolations violations) {
		this.requireTls = requireTls;
		this.plaintextAllowed = Set.copyOf(plaintextAllowed);
		this.violations = violations;
		List<String> unknown = plaintextAllowed.stream()
			.filter((tag) -> !MiddlewareChannels.TAGS.contains(tag))
			.toList();
		if (!unknown.isEmpty()) {
			violations.handle(List.of(Violation.invalid(PLAINTEXT_ALLOWED, String.join(",", unknown),
					"names no middleware channel", "use channel tags among " + MiddlewareChannels.TAGS)));
		}
	}

	/**
	 * Records a connection and applies the mode to what weakens it.
	 * @param weaknesses each names the Boot property to change and the fix; empty when
	 * the connection uses verified TLS
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, when
	 * a weakness is not allowed
	 */
	public void check(MiddlewareConnection connection, List<Violation> weaknesses) {
		if (weaknesses.isEmpty()) {
			record(connection, Status.TLS, weaknesses);
		}
		else if (!this.requireTls && connection.channel() != Channel.MONITORING) {
			record(connection, Status.NOT_REQUIRED, weaknesses);
		}
		else if (this.plaintextAllowed.contains(connection.channel().tag())) {
			logger.warn("secure-comms leaves " + connection.channel().tag() + " client " + connection.client()
					+ " without verified TLS, as " + PLAINTEXT_ALLOWED + " allows: " + describe(weaknesses));
			record(connection, Status.PLAINTEXT_ALLOWED, weaknesses);
		}
		else {
			checkRequired(connection, weaknesses);
		}
	}

	/**
	 * Records a connection on a channel that must use verified TLS whatever
	 * {@code require-tls} and {@code plaintext-allowed} say (an identity provider's):
	 * each weakness is a violation under the mode.
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, when
	 * there is a weakness
	 */
	public void checkRequired(MiddlewareConnection connection, List<Violation> weaknesses) {
		if (!weaknesses.isEmpty()) {
			this.violations.handle(weaknesses);
		}
		record(connection, weaknesses.isEmpty() ? Status.TLS : Status.WEAKENED, weaknesses);
	}

	private void record(MiddlewareConnection connection, Status status, List<Violation> weaknesses) {
		synchronized (this.entries) {
			this.entries.add(new Entry(connection, status, weaknesses.stream().map(Violation::describe).toList()));
		}
	}

	/**
	 * Records Boot's default client for a channel that the application never configured
	 * (the driver is on the class path, no property or connection details point it
	 * anywhere): left alone, and shown as such in the posture, so that an application
	 * that does use it sees that it is not checked.
	 * @param client Boot's client and where it would connect
	 * ({@code spring.data.redis.* (Boot's default)})
	 * @param defaultTarget Boot's default host and port
	 * @param property the property whose setting makes the starter check it
	 */
	public void unconfigured(Channel channel, String client, String defaultTarget, String property) {
		synchronized (this.entries) {
			this.entries.add(new Entry(new MiddlewareConnection(channel, client, List.of(defaultTarget), "none", false),
					Status.UNCONFIGURED, List.of("not checked: nothing configures it; set " + property
							+ " (or provide connection details) to have it checked and put on verified TLS")));
		}
	}

	private static String describe(List<Violation> weaknesses) {
		return weaknesses.stream().map(Violation::describe).collect(Collectors.joining("; "));
	}

	public List<Entry> entries() {
		synchronized (this.entries) {
			return List.copyOf(this.entries);
		}
	}

	/**
	 * @param weaknesses what weakens it, as {@code property=value: problem}
	 */
	public record Entry(MiddlewareConnection connection, Status status, List<String> weaknesses) {
	}

	public enum Status {

		/** Verified TLS. */
		TLS("tls"),

		/**
		 * Plaintext or unverified, as {@code secure.comms.middleware.plaintext-allowed}
		 * allows.
		 */
		PLAINTEXT_ALLOWED("plaintext-allowed"),

		/** Plaintext or unverified, let through by report mode: a violation. */
		WEAKENED("weakened"),

		/**
		 * Plaintext or unverified, with {@code secure.comms.middleware.require-tls=false}
		 * (never a telemetry exporter).
		 */
		NOT_REQUIRED("not-required"),

		/**
		 * Boot's default client the application never configured: left alone, not judged.
		 */
		UNCONFIGURED("unconfigured");

		private final String tag;

		Status(String tag) {
			this.tag = tag;
		}

		public String tag() {
			return this.tag;
		}

	}

	/**
	 * The tags {@code plaintext-allowed} accepts: the middleware channels' and
	 * {@code monitoring}.
	 */
	static final class MiddlewareChannels {

		static final List<String> TAGS = Arrays
			.stream(new Channel[] { Channel.REDIS, Channel.KAFKA, Channel.RABBITMQ, Channel.MONGODB, Channel.CASSANDRA,
					Channel.ELASTICSEARCH, Channel.LDAP, Channel.MAIL, Channel.MONITORING })
			.map(Channel::tag)
			.toList();

		private MiddlewareChannels() {
		}

	}

}
