package io.securecomms.server;

import java.net.InetAddress;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

/**
 * The host names the redirect port may send a caller to. The request's {@code Host}
 * header is only echoed when the server is configured for that name (the canonical host,
 * a DNS or IP name of its certificates, {@code server.address}, loopback); any other is
 * answered with the canonical host, so the redirect port never sends a browser to a host
 * an attacker wrote into the header.
 */
final class RedirectHosts {

	static final String PROPERTY = "secure.comms.server.http-redirect-host";

	private static final Pattern HOST_NAME = Pattern
		.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

	private static final Pattern IPV6 = Pattern.compile("[0-9a-f:.]+");

	private static final List<String> LOOPBACK = List.of("localhost", "127.0.0.1", "::1");

	private static final int SAN_DNS = 2;

	private static final int SAN_IP = 7;

	private final @Nullable String canonical;

	private final Set<String> names;

	private final List<String> wildcardSuffixes;

	private RedirectHosts(@Nullable String canonical, Set<String> names, List<String> wildcardSuffixes) {
		this.canonical = canonical;
		this.names = names;
		this.wildcardSuffixes = wildcardSuffixes;
	}

	/**
	 * @param configured {@code secure.comms.server.http-redirect-host}, or {@code null}
	 * @param certificates the server's certificates (their DNS and IP names are the
	 * server's names)
	 * @param address {@code server.address}, or {@code null}
	 */
	static RedirectHosts of(@Nullable String configured, Collection<X509Certificate> certificates,
			@Nullable InetAddress address) {
		Set<String> names = new LinkedHashSet<>();
		List<String> wildcards = new ArrayList<>();
		String canonical = (configured != null) ? normalize(configured) : null;
		if (canonical != null) {
			names.add(canonical);
		}
		for (X509Certificate certificate : certificates) {
			for (String name : subjectAlternativeNames(certificate)) {
				if (name.startsWith("*.")) {
					wildcards.add(name.substring(1));
				}
				else {
					names.add(name);
				}
			}
		}
		if (address != null && !address.isAnyLocalAddress()) {
			names.add(normalize(address.getHostAddress()));
		}
		// A name from the certificate before an address: it is what the caller's browser
		// can verify.
		String fallback = names.stream().filter((name) -> !name.contains(":")).findFirst().orElse(null);
		names.addAll(LOOPBACK);
		return new RedirectHosts((canonical != null) ? canonical : fallback, names, wildcards);
	}

	/**
	 * What is wrong with a configured canonical host: it must be a bare host name or IP
	 * address.
	 */
	static List<Violation> check(@Nullable String configured) {
		if (configured == null || valid(normalize(configured))) {
			return List.of();
		}
		return List.of(Violation.invalid(PROPERTY, configured, "it is not a host name",
				"Set " + PROPERTY + " to the host name callers use, e.g. app.example.com (no scheme, port or path)"));
	}

	/**
	 * @param requestHost the host the request named ({@code Host} header or absolute URI)
	 * @return the host to redirect to: the request's own when the server is configured
	 * for it, else the canonical host; {@code null} when neither is known
	 */
	@Nullable String target(@Nullable String requestHost) {
		String host = (requestHost != null) ? normalize(requestHost) : "";
		if (valid(host) && (this.names.contains(host) || matchesWildcard(host))) {
			return host;
		}
		return this.canonical;
	}

	private boolean matchesWildcard(String host) {
		int dot = host.indexOf('.');
		return dot > 0 && this.wildcardSuffixes.contains(host.substring(dot));
	}

	private static boolean valid(String host) {
		return HOST_NAME.matcher(host).matches() || (host.contains(":") && IPV6.matcher(host).matches());
	}

	private static String normalize(String host) {
		String name = host.strip().toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	private static List<String> subjectAlternativeNames(X509Certificate certificate) {
		try {
			Collection<List<?>> entries = certificate.getSubjectAlternativeNames();
			if (entries == null) {
				return List.of();
			}
			return entries.stream()
				.filter((entry) -> entry.get(0) instanceof Integer type && (type == SAN_DNS || type == SAN_IP))
				.map((entry) -> normalize(String.valueOf(entry.get(1))))
				.toList();
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
	}

}
