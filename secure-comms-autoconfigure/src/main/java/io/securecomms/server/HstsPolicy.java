package io.securecomms.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.policy.Violation;

/**
 * The {@code Strict-Transport-Security} header the application sends on every HTTPS
 * response.
 *
 * @param enabled whether the header is sent
 * @param maxAge how long browsers remember to use HTTPS only
 * @param includeSubdomains whether sub-domains are covered
 * @param preload whether the site asks to be preloaded into browsers
 */
public record HstsPolicy(boolean enabled, Duration maxAge, boolean includeSubdomains, boolean preload) {

	static final Duration ONE_YEAR = Duration.ofDays(365);

	private static final String PREFIX = "secure.comms.server.hsts.";

	public String headerValue() {
		StringBuilder value = new StringBuilder("max-age=").append(this.maxAge.toSeconds());
		if (this.includeSubdomains) {
			value.append("; includeSubDomains");
		}
		if (this.preload) {
			value.append("; preload");
		}
		return value.toString();
	}

	/**
	 * What makes this header weaker than the policy (at least a year, and what preload
	 * lists demand).
	 */
	public List<Violation> violations() {
		List<Violation> violations = new ArrayList<>();
		if (!this.enabled) {
			violations.add(Violation.insecure(PREFIX + "enabled", "false",
					"browsers are not told to refuse plaintext HTTP for this site", "Set " + PREFIX + "enabled=true"));
			return violations;
		}
		if (this.maxAge.compareTo(ONE_YEAR) < 0) {
			violations.add(Violation.insecure(PREFIX + "max-age", this.maxAge.toSeconds() + "s",
					"HSTS max-age below one year", "Set " + PREFIX + "max-age to at least 365d (730d recommended)"));
		}
		if (this.preload && !this.includeSubdomains) {
			violations.add(Violation.insecure(PREFIX + "preload", "true",
					"preload lists only accept HSTS with includeSubDomains",
					"Set " + PREFIX + "include-subdomains=true or " + PREFIX + "preload=false"));
		}
		return violations;
	}

}
