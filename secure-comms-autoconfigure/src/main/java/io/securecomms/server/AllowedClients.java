package io.securecomms.server;

import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import io.securecomms.policy.Violation;
import io.securecomms.trust.IdentityPatterns;
import org.jspecify.annotations.Nullable;

/**
 * Which client certificates a listener accepts, beyond chaining to its trust store: the
 * {@link IdentityPatterns} of its {@code allowed-clients} property (the grammar is
 * described there). An empty list allows every trusted certificate.
 */
public final class AllowedClients {

	private final IdentityPatterns patterns;

	private AllowedClients(IdentityPatterns patterns) {
		this.patterns = patterns;
	}

	/** No list: every trusted certificate is allowed. */
	public static AllowedClients none(String property) {
		return of(property, List.of());
	}

	/**
	 * Parses {@code patterns}; the ones that cannot be read are left out and reported by
	 * {@link #violations()}.
	 * @param property the property the patterns come from, named in violations and
	 * refusals
	 */
	public static AllowedClients of(String property, @Nullable Collection<String> patterns) {
		return new AllowedClients(IdentityPatterns.of(property, patterns));
	}

	public String property() {
		return this.patterns.property();
	}

	/** Whether there is no list (every trusted certificate is allowed). */
	public boolean isEmpty() {
		return this.patterns.isEmpty();
	}

	/** The patterns as configured, for the posture report. */
	public List<String> patterns() {
		return this.patterns.patterns();
	}

	/** The entries that cannot be read. */
	public List<Violation> violations() {
		return this.patterns.violations();
	}

	/**
	 * Whether {@code certificate} (a client's leaf, already trusted) matches an entry of
	 * a non-empty list, or the list is empty.
	 */
	public boolean allows(X509Certificate certificate) {
		return this.patterns.accepts(certificate);
	}

	@Override
	public String toString() {
		return this.patterns.toString();
	}

}
