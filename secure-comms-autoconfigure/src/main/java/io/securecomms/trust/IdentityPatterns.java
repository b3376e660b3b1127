package io.securecomms.trust;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.security.auth.x500.X500Principal;

import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

/**
 * Patterns on a certificate's identity ({@link CertificateIdentity}) that a peer's leaf
 * certificate, already trusted, must match: a listener's allowed clients, a target's
 * server identities. A certificate is accepted when any pattern matches; an empty list
 * accepts every trusted certificate.
 * <ul>
 * <li>{@code dn:CN=prometheus,OU=ops,O=Example}: the subject DN as RFC 2253 prints it
 * (most specific first, as {@code openssl x509 -noout -subject -nameopt RFC2253} shows
 * it), compared in canonical form: attribute names or OIDs, spacing around separators and
 * the case of values do not matter, the order of the attributes does. No wildcard.</li>
 * <li>{@code dns:prometheus.ops.example.org}: a SAN DNS name, case-insensitive. A leading
 * {@code *.} stands for exactly one label: {@code dns:*.ops.example.org} matches
 * {@code a.ops.example.org}, not {@code ops.example.org} nor
 * {@code a.b.ops.example.org}.</li>
 * <li>{@code uri:spiffe://example.org/ns/ops/sa/prometheus}: a SAN URI, compared exactly
 * (case-sensitive). A trailing {@code /*} stands for anything non-empty below that path:
 * {@code uri:spiffe://example.org/ns/ops/*} matches
 * {@code spiffe://example.org/ns/ops/sa/prometheus}, not
 * {@code spiffe://example.org/ns/ops}.</li>
 * </ul>
 * A {@code *} anywhere else, an unknown prefix or an unparsable DN or URI is a violation.
 */
public final class IdentityPatterns {

	private static final IdentityPatterns NONE = new IdentityPatterns("", List.of(), List.of());

	private final String property;

	private final List<Pattern> patterns;

	private final List<Violation> violations;

	private IdentityPatterns(String property, List<Pattern> patterns, List<Violation> violations) {
		this.property = property;
		this.patterns = List.copyOf(patterns);
		this.violations = List.copyOf(violations);
	}

	/** No patterns, from no property: every trusted certificate is accepted. */
	public static IdentityPatterns none() {
		return NONE;
	}

	/**
	 * Parses {@code patterns}; the ones that cannot be read are left out and reported by
	 * {@link #violations()}.
	 * @param property the property the patterns come from, named in violations and
	 * refusals
	 */
	public static IdentityPatterns of(String property, @Nullable Collection<String> patterns) {
		if (patterns == null || patterns.isEmpty()) {
			return new IdentityPatterns(property, List.of(), List.of());
		}
		List<Pattern> parsed = new ArrayList<>();
		List<Violation> violations = new ArrayList<>();
		for (String entry : patterns) {
			try {
				parsed.add(Pattern.parse(entry));
			}
			catch (IllegalArgumentException ex) {
				violations.add(Violation.invalid(property, String.valueOf(entry), String.valueOf(ex.getMessage()),
						"Write each entry as dn:<subject DN, e.g. CN=prometheus,OU=ops,O=Example>, "
								+ "dns:<SAN DNS name, optionally *.domain> or uri:<SAN URI, optionally ending in /*>"));
			}
		}
		return new IdentityPatterns(property, parsed, violations);
	}

	/** The property the patterns come from (empty for {@link #none()}). */
	public String property() {
		return this.property;
	}

	/** Whether there are no patterns (every trusted certificate is accepted). */
	public boolean isEmpty() {
		return this.patterns.isEmpty() && this.violations.isEmpty();
	}

	/** The readable patterns as configured, for the posture report. */
	public List<String> patterns() {
		return this.patterns.stream().map(Pattern::text).toList();
	}

	/** The entries that cannot be read. */
	public List<Violation> violations() {
		return this.violations;
	}

	/**
	 * Whether {@code certificate} (a peer's leaf, already trusted) matches a pattern of a
	 * non-empty list, or the list is empty. A list of unreadable entries only accepts
	 * nothing.
	 */
	public boolean accepts(X509Certificate certificate) {
		if (this.patterns.isEmpty()) {
			return this.violations.isEmpty();
		}
		CertificateIdentity identity = CertificateIdentity.of(certificate);
		return this.patterns.stream().anyMatch((pattern) -> pattern.matches(identity));
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof IdentityPatterns that && this.property.equals(that.property)
				&& this.patterns.equals(that.patterns) && this.violations.equals(that.violations);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.property, this.patterns, this.violations);
	}

	@Override
	public String toString() {
		return this.property + "=" + patterns();
	}

	/** What a pattern can match in a certificate. */
	private sealed interface Pattern {

		String text();

		boolean matches(CertificateIdentity identity);

		static Pattern parse(@Nullable String entry) {
			String text = (entry != null) ? entry.strip() : "";
			int colon = text.indexOf(':');
			String kind = (colon > 0) ? text.substring(0, colon).toLowerCase(Locale.ROOT) : "";
			String value = (colon > 0) ? text.substring(colon + 1).strip() : "";
			if (value.isEmpty() && !kind.isEmpty()) {
				throw new IllegalArgumentException("the entry has nothing after '" + kind + ":'");
			}
			return switch (kind) {
				case "dn" -> DnPattern.of(text, value);
				case "dns" -> DnsPattern.of(text, value);
				case "uri" -> UriPattern.of(text, value);
				default -> throw new IllegalArgumentException(
						"the entry does not start with dn:, dns: or uri:, so it is unclear what it should match");
			};
		}

	}

	private record DnPattern(String text, String canonical) implements Pattern {

		static DnPattern of(String text, String value) {
			try {
				return new DnPattern(text, new X500Principal(value).getName(X500Principal.CANONICAL));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"'" + value + "' is not a distinguished name (RFC 2253): " + ex.getMessage());
			}
		}

		@Override
		public boolean matches(CertificateIdentity identity) {
			return this.canonical.equals(identity.canonicalSubject());
		}

	}

	private record DnsPattern(String text, String name, boolean wildcard) implements Pattern {

		static DnsPattern of(String text, String value) {
			String name = value.toLowerCase(Locale.ROOT);
			boolean wildcard = name.startsWith("*.");
			String rest = wildcard ? name.substring(2) : name;
			if (rest.contains("*")) {
				throw new IllegalArgumentException(
						"'*' may only stand for the whole leftmost label, as in dns:*.ops.example.org");
			}
			if (rest.isEmpty() || rest.startsWith(".") || rest.endsWith(".") || rest.contains("..")
					|| !rest.matches("[a-z0-9._-]+")) {
				throw new IllegalArgumentException("'" + value + "' is not a DNS name");
			}
			if (wildcard && !rest.contains(".")) {
				throw new IllegalArgumentException(
						"'" + value + "' would match a name under a top-level domain: name at least two labels");
			}
			return new DnsPattern(text, rest, wildcard);
		}

		@Override
		public boolean matches(CertificateIdentity identity) {
			return identity.dnsNames().stream().map((name) -> name.toLowerCase(Locale.ROOT)).anyMatch(this::matches);
		}

		private boolean matches(String candidate) {
			if (!this.wildcard) {
				return candidate.equals(this.name);
			}
			int dot = candidate.indexOf('.');
			return dot > 0 && candidate.substring(dot + 1).equals(this.name);
		}

	}

	private record UriPattern(String text, String uri, boolean prefix) implements Pattern {

		static UriPattern of(String text, String value) {
			boolean prefix = value.endsWith("/*");
			String uri = prefix ? value.substring(0, value.length() - 1) : value;
			if (uri.contains("*")) {
				throw new IllegalArgumentException(
						"'*' may only end the URI after a '/', as in uri:spiffe://example.org/ns/ops/*");
			}
			try {
				URI parsed = new URI(uri);
				if (!parsed.isAbsolute() || parsed.getRawAuthority() == null) {
					throw new IllegalArgumentException("'" + value
							+ "' is not an absolute URI with an authority, such as spiffe://example.org/ns/ops/sa/prometheus");
				}
			}
			catch (URISyntaxException ex) {
				throw new IllegalArgumentException("'" + value + "' is not a URI: " + ex.getMessage());
			}
			return new UriPattern(text, uri, prefix);
		}

		@Override
		public boolean matches(CertificateIdentity identity) {
			return identity.uris()
				.stream()
				.anyMatch((candidate) -> this.prefix ? below(candidate) : candidate.equals(this.uri));
		}

		/** Under the prefix, with no dot segment that could climb out of it. */
		private boolean below(String candidate) {
			if (!candidate.startsWith(this.uri) || candidate.length() == this.uri.length()) {
				return false;
			}
			for (String segment : candidate.substring(this.uri.length()).split("[/?#]", -1)) {
				if (segment.equals(".") || segment.equals("..") || segment.equalsIgnoreCase("%2e")
						|| segment.equalsIgnoreCase("%2e%2e")) {
					return false;
				}
			}
			return true;
		}

	}

}
