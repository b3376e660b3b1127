package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcConnectionSettings.Source;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;
import org.jspecify.annotations.Nullable;

/**
 * Oracle thin driver: the TCPS protocol with the server's distinguished name matched
 * ({@code ssl_server_dn_match}). A TCP address, or a TNS alias whose protocol cannot be
 * seen, is refused: TCPS listens on its own port, so the starter cannot upgrade such a
 * URL by itself. Every {@code SSL_SERVER_DN_MATCH} of a descriptor (each
 * {@code DESCRIPTION} of a {@code DESCRIPTION_LIST}) and the
 * {@code oracle.net.ssl_server_dn_match} property must be true.
 */
final class OracleTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "Oracle (ojdbc thin)";

	private static final String DN_MATCH_PROPERTY = "oracle.net.ssl_server_dn_match";

	private static final String EXAMPLE = "jdbc:oracle:thin:@tcps://host:2484/service?ssl_server_dn_match=true";

	private static final Pattern PROTOCOL = Pattern.compile("\\(\\s*PROTOCOL\\s*=\\s*(\\w+)\\s*\\)",
			Pattern.CASE_INSENSITIVE);

	private static final Pattern DESCRIPTOR_DN_MATCH = Pattern
		.compile("\\(\\s*SSL_SERVER_DN_MATCH\\s*=\\s*(\\w+)\\s*\\)", Pattern.CASE_INSENSITIVE);

	private static final Pattern DESCRIPTION = Pattern.compile("\\(\\s*DESCRIPTION\\s*=", Pattern.CASE_INSENSITIVE);

	OracleTlsRule() {
		super(DRIVER, "jdbc:oracle:");
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		String url = settings.url();
		String address = url.substring(url.indexOf('@') + 1).trim();
		boolean descriptor = address.startsWith("(");
		List<Weakness> weaknesses = new ArrayList<>();
		String protocol = protocolOf(address, descriptor);
		if (!"tcps".equals(protocol)) {
			weaknesses.add(new Weakness("the address in the URL", address,
					(protocol != null) ? "uses the " + protocol.toUpperCase(Locale.ROOT) + " protocol, without TLS"
							: "is a TNS alias, whose protocol the starter cannot see",
					"connect to the TCPS listener: " + EXAMPLE));
		}
		// Every value the starter can see must be true: which one the driver takes for
		// which address depends on
		// its version, so one FALSE anywhere (a later DESCRIPTION of a list, the
		// property) weakens the connection.
		List<Parameter> dnMatches = dnMatches(settings, address, descriptor);
		dnMatches.stream()
			.filter((match) -> !match.is("true", "on", "yes"))
			.forEach((off) -> weaknesses.add(new Weakness(off.describe(), off.value(),
					"accepts a certificate issued for another server", off.fix("ssl_server_dn_match=true"))));
		boolean propertySet = dnMatches.stream().anyMatch((match) -> match.source() == Source.PROPERTY);
		Map<String, String> added = Map.of();
		Map<String, String> addedProperties = Map.of();
		if (descriptor && !propertySet && descriptions(address) > descriptorDnMatches(address)) {
			// A DESCRIPTION without its own SSL_SERVER_DN_MATCH takes the property.
			addedProperties = Map.of(DN_MATCH_PROPERTY, "true");
		}
		else if (!descriptor && dnMatches.isEmpty()) {
			added = Map.of("ssl_server_dn_match", "true");
		}
		String values = dnMatches.stream()
			.map(Parameter::value)
			.distinct()
			.reduce((a, b) -> a + "/" + b)
			.orElse("true");
		return JdbcTlsAssessment.of(DRIVER, hostOf(address, descriptor), url, '&',
				"TCPS, ssl_server_dn_match=" + values, weaknesses, added, addedProperties);
	}

	/** {@code tcps}, {@code tcp}, or {@code null} for a TNS alias. */
	private static @Nullable String protocolOf(String address, boolean descriptor) {
		if (descriptor) {
			Matcher protocols = PROTOCOL.matcher(address);
			String weakest = null;
			while (protocols.find()) {
				String found = protocols.group(1).toLowerCase(Locale.ROOT);
				// Every address of a descriptor must be TCPS: one TCP address is a
				// plaintext fallback.
				weakest = (weakest == null || "tcps".equals(weakest)) ? found : weakest;
			}
			return weakest;
		}
		String lower = address.toLowerCase(Locale.ROOT);
		if (lower.startsWith("tcps://")) {
			return "tcps";
		}
		if (lower.startsWith("tcp://") || lower.startsWith("//") || lower.matches("[^/?]*:\\d+.*")) {
			return "tcp";
		}
		return null;
	}

	/**
	 * Every SSL_SERVER_DN_MATCH of the descriptor or the EZConnect URL, and the driver
	 * property.
	 */
	private static List<Parameter> dnMatches(JdbcConnectionSettings settings, String address, boolean descriptor) {
		List<Parameter> matches = new ArrayList<>();
		if (descriptor) {
			Matcher match = DESCRIPTOR_DN_MATCH.matcher(address);
			while (match.find()) {
				matches.add(new Parameter("SSL_SERVER_DN_MATCH", match.group(1), Source.URL, null));
			}
		}
		else {
			settings.queryParameters(false, true, true)
				.stream()
				.filter((p) -> p.name().equalsIgnoreCase("ssl_server_dn_match")
						|| p.name().equalsIgnoreCase(DN_MATCH_PROPERTY))
				.forEach(matches::add);
		}
		settings.propertyParameters()
			.stream()
			.filter((p) -> p.name().equalsIgnoreCase(DN_MATCH_PROPERTY))
			.forEach(matches::add);
		return matches;
	}

	private static int descriptions(String address) {
		return count(DESCRIPTION, address);
	}

	private static int descriptorDnMatches(String address) {
		return count(DESCRIPTOR_DN_MATCH, address);
	}

	private static int count(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

	private static @Nullable String hostOf(String address, boolean descriptor) {
		if (descriptor) {
			Matcher host = Pattern.compile("\\(\\s*HOST\\s*=\\s*([^)\\s]+)\\s*\\)", Pattern.CASE_INSENSITIVE)
				.matcher(address);
			return host.find() ? host.group(1) : null;
		}
		String withoutScheme = address.replaceFirst("^(?i)tcps?://", "").replaceFirst("^//", "");
		int end = withoutScheme.length();
		for (char stop : new char[] { '/', '?' }) {
			int at = withoutScheme.indexOf(stop);
			end = (at >= 0) ? Math.min(end, at) : end;
		}
		return withoutScheme.substring(0, end);
	}

}
