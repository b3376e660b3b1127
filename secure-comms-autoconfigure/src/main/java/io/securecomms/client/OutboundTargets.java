package io.securecomms.client;

import io.securecomms.trust.ClientTls;
import org.jspecify.annotations.Nullable;

import java.util.List;
import java.util.Locale;

/**
 * Which settings and which {@code peer} tag an outbound host gets: the first target whose
 * host patterns match (exact names or {@code *.suffix}), or the defaults with
 * {@code host:port}.
 */
public final class OutboundTargets {

	private final ClientTls defaults;

	private final List<Target> targets;

	public OutboundTargets(ClientTls defaults, List<Target> targets) {
		this.defaults = defaults;
		this.targets = List.copyOf(targets);
	}

	public ClientTls defaults() {
		return this.defaults;
	}

	public List<Target> targets() {
		return this.targets;
	}

	/**
	 * The property that names what a target trusts
	 * ({@code secure.comms.client.targets.<name>.trust-bundle} when it sets its own), for
	 * the message of an untrusted certificate.
	 * @param targetName the target's name, or {@code null} for the defaults
	 */
	public String trustProperty(@Nullable String targetName) {
		for (Target target : this.targets) {
			if (target.name().equals(targetName) && target.tls().trustBundle() != null) {
				return ClientTlsCheck.PREFIX + "targets." + target.name() + ".trust-bundle";
			}
		}
		return ClientTlsCheck.PREFIX + "trust-bundle";
	}

	public Resolved resolve(String host, int port) {
		for (Target target : this.targets) {
			if (target.matches(host)) {
				return new Resolved(target.name(), target.name(), this.defaults.overriddenBy(target.tls()));
			}
		}
		return new Resolved(null, host + ":" + port, this.defaults);
	}

	/**
	 * @param name the target's name, its {@code peer} tag
	 * @param hosts exact host names or {@code *.suffix} patterns
	 * @param tls what the target overrides
	 */
	public record Target(String name, List<String> hosts, ClientTls tls) {

		public Target {
			hosts = List.copyOf(hosts);
		}

		boolean matches(String host) {
			String candidate = host.toLowerCase(Locale.ROOT);
			for (String pattern : this.hosts) {
				String expected = pattern.toLowerCase(Locale.ROOT);
				if (expected.startsWith("*.") ? candidate.endsWith(expected.substring(1))
						: candidate.equals(expected)) {
					return true;
				}
			}
			return false;
		}

	}

	/**
	 * @param targetName the matching target, or {@code null} for the defaults
	 * @param peer the {@code peer} tag
	 * @param tls the effective settings
	 */
	public record Resolved(@Nullable String targetName, String peer, ClientTls tls) {
	}

}
