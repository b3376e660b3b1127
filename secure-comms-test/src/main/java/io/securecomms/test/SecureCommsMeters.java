package io.securecomms.test;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

/**
 * Reads secure-comms' counters from a {@link MeterRegistry}, so that a test can assert
 * that a refusal was counted with the right tags. Meters are found by name and tag keys
 * only (this module does not depend on the starter), so the names below are the starter's
 * documented ones. <pre class="code">
 * Counted expired = SecureCommsMeters.of(registry).handshakeFailures().channel("http-client").reason("cert_expired");
 * double before = expired.count();
 * // ... call the expired peer ...
 * expired.assertCounted(before + 1);
 * </pre> Assertions throw {@link AssertionError} (any test framework reports it) naming
 * what was counted instead, since a wrong {@code reason} or {@code peer} is the usual
 * cause of a miss.
 */
public final class SecureCommsMeters {

	/** Counter of refused TLS handshakes: tags channel, direction, peer, reason. */
	public static final String HANDSHAKE_FAILURES = "secure.comms.tls.handshake.failures";

	/** Counter of plaintext connections refused: tags channel, direction, peer. */
	public static final String PLAINTEXT_REFUSED = "secure.comms.plaintext.refused";

	private final MeterRegistry registry;

	private SecureCommsMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	public static SecureCommsMeters of(MeterRegistry registry) {
		return new SecureCommsMeters(registry);
	}

	/**
	 * Every {@value #HANDSHAKE_FAILURES} counter; narrow it with the tag methods of
	 * {@link Counted}.
	 */
	public Counted handshakeFailures() {
		return new Counted(this.registry, HANDSHAKE_FAILURES, Map.of());
	}

	/**
	 * Every {@value #PLAINTEXT_REFUSED} counter; narrow it with the tag methods of
	 * {@link Counted}.
	 */
	public Counted plaintextRefused() {
		return new Counted(this.registry, PLAINTEXT_REFUSED, Map.of());
	}

	/**
	 * The counters of one name whose tags match, read live: {@link #count()} is the sum
	 * over every match (zero when none exists yet, as before the first refusal).
	 * Immutable: each tag method returns a narrower copy.
	 */
	public static final class Counted {

		private final MeterRegistry registry;

		private final String name;

		private final Map<String, String> tags;

		private Counted(MeterRegistry registry, String name, Map<String, String> tags) {
			this.registry = registry;
			this.name = name;
			this.tags = tags;
		}

		/**
		 * Only the counters with this {@code channel} ({@code server},
		 * {@code http-client}, {@code redis}...).
		 */
		public Counted channel(String channel) {
			return tag("channel", channel);
		}

		/**
		 * Only the counters with this {@code direction} ({@code inbound} or
		 * {@code outbound}).
		 */
		public Counted direction(String direction) {
			return tag("direction", direction);
		}

		/**
		 * Only the counters with this {@code peer} ({@code client} inbound,
		 * {@code host:port} outbound).
		 */
		public Counted peer(String peer) {
			return tag("peer", peer);
		}

		/**
		 * Only the counters with this {@code reason} ({@code cert_expired},
		 * {@code protocol_version}...).
		 */
		public Counted reason(String reason) {
			return tag("reason", reason);
		}

		/** Only the counters with this tag. */
		public Counted tag(String key, String value) {
			Map<String, String> tags = new LinkedHashMap<>(this.tags);
			tags.put(key, value);
			return new Counted(this.registry, this.name, Collections.unmodifiableMap(tags));
		}

		/** The sum of the matching counters now. */
		public double count() {
			return matching().stream().mapToDouble(Counter::count).sum();
		}

		/**
		 * The matching count by the value of one tag key, e.g. {@code countBy("reason")}.
		 */
		public Map<String, Double> countBy(String key) {
			return matching().stream()
				.collect(Collectors.groupingBy((counter) -> String.valueOf(counter.getId().getTag(key)),
						LinkedHashMap::new, Collectors.summingDouble(Counter::count)));
		}

		/** Fails unless at least one matching refusal was counted. */
		public void assertCounted() {
			double count = count();
			if (count <= 0) {
				throw new AssertionError("expected " + this + " to have been counted, but it was not; " + counted());
			}
		}

		/**
		 * Fails unless the matching count is exactly {@code expected} (e.g. a count read
		 * before, plus one).
		 */
		public void assertCounted(double expected) {
			double count = count();
			if (count != expected) {
				throw new AssertionError(
						"expected " + this + " to be " + expected + ", but it is " + count + "; " + counted());
			}
		}

		/**
		 * Waits up to {@code timeout} for the matching count to reach {@code expected},
		 * then fails as {@link #assertCounted(double)} does. For refusals the application
		 * counts on its own threads, such as an inbound handshake a test client abandons:
		 * the client can see its failure before the server counts it.
		 */
		public void awaitCounted(double expected, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (count() != expected && System.nanoTime() < deadline) {
				try {
					Thread.sleep(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			assertCounted(expected);
		}

		/** Fails if any matching refusal was counted. */
		public void assertNotCounted() {
			double count = count();
			if (count != 0) {
				throw new AssertionError(
						"expected " + this + " not to have been counted, but it is " + count + "; " + counted());
			}
		}

		private Collection<Counter> matching() {
			return this.registry.find(this.name).tags(tags()).counters();
		}

		private List<Tag> tags() {
			return this.tags.entrySet().stream().map((tag) -> Tag.of(tag.getKey(), tag.getValue())).toList();
		}

		/** What the registry holds under the name, for the failure message. */
		private String counted() {
			Collection<Counter> all = this.registry.find(this.name).counters();
			if (all.isEmpty()) {
				return "no " + this.name + " counter exists (is the starter's metrics support on, and is this "
						+ "the application's MeterRegistry?)";
			}
			return "counted: " + all.stream()
				.map((counter) -> tagText(counter.getId().getTags()) + "=" + counter.count())
				.collect(Collectors.joining(", "));
		}

		private static String tagText(Collection<Tag> tags) {
			return tags.stream()
				.map((tag) -> tag.getKey() + "=" + tag.getValue())
				.collect(Collectors.joining(",", "{", "}"));
		}

		@Override
		public String toString() {
			return this.name + tagText(tags());
		}

	}

}
