package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.securecomms.jdbc.JdbcConnectionSettings.Names;
import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcConnectionSettings.Resolution;
import io.securecomms.jdbc.JdbcConnectionSettings.Source;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;
import io.securecomms.jdbc.UrlHosts.Host;
import org.jspecify.annotations.Nullable;

/**
 * MySQL Connector/J: {@code sslMode=VERIFY_IDENTITY} for every host.
 * <p>
 * Read as Connector/J's {@code ConnectionUrl} does: each host has its own effective
 * properties, its per-host settings ({@code (host=db,sslMode=...)} or
 * {@code address=(host=db)(sslMode=...)}) winning over the driver properties, which win
 * over the URL's query; the last duplicate in the query wins; names exactly as the driver
 * spells them; names and values URL-decoded and trimmed. The legacy {@code useSSL},
 * {@code verifyServerCertificate} and {@code requireSSL} count only where {@code sslMode}
 * is absent, as in the driver.
 */
final class MySqlTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "MySQL (Connector/J)";

	private static final String FIX = "sslMode=VERIFY_IDENTITY";

	private static final String PORT = "3306";

	MySqlTlsRule() {
		super(DRIVER, "jdbc:mysql:", "jdbc:mysql+srv:", "mysqlx:", "mysqlx+srv:");
	}

	/**
	 * The mode Connector/J uses for each host, in the URL's order ({@code PREFERRED}
	 * where nothing sets one).
	 */
	static List<String> sslModes(JdbcConnectionSettings settings) {
		List<String> modes = new ArrayList<>();
		for (List<Parameter> host : hostSettings(settings.url())) {
			modes.add(assessHost(List.of(host, settings.propertyParameters(), query(settings.url())),
					new LinkedHashSet<>(), false)
				.map((mode) -> mode.substring("sslMode=".length()))
				.orElse("PREFERRED"));
		}
		return modes;
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		String url = settings.url();
		List<Parameter> query = query(url);
		List<Parameter> properties = settings.propertyParameters();
		Set<Weakness> weaknesses = new LinkedHashSet<>();
		Set<String> verifications = new LinkedHashSet<>();
		boolean upgrade = false;
		for (List<Parameter> host : hostSettings(url)) {
			List<List<Parameter>> sources = List.of(host, properties, query);
			Optional<String> mode = assessHost(sources, weaknesses, settings.lowerCaseUrl().startsWith("mysqlx"));
			mode.ifPresent(verifications::add);
			upgrade |= mode.isEmpty();
		}
		JdbcConnectionSettings.resolve("propertiesTransform", Names.EXACT, List.of(properties, query))
			.value()
			.ifPresent((transform) -> weaknesses.add(new Weakness(transform.describe(), transform.value(),
					"lets a class rewrite the driver properties before Connector/J reads them, so the starter cannot "
							+ "know which TLS settings the driver uses",
					"remove " + transform.name() + ", or list the URL in " + JdbcUrlPolicy.ALLOWED_URLS
							+ " once checked")));
		String verification = verifications.isEmpty() || upgrade ? FIX : String.join(", ", verifications);
		List<Host> hosts = hosts(url);
		return JdbcTlsAssessment.of(DRIVER, hosts.isEmpty() ? null : UrlHosts.labels(hosts), url, '&', verification,
				new ArrayList<>(weaknesses), upgrade ? Map.of("sslMode", "VERIFY_IDENTITY") : Map.of(), Map.of());
	}

	/**
	 * Each host's own settings; one host without any where the URL names none (mysql+srv,
	 * a default host).
	 */
	private static List<List<Parameter>> hostSettings(String url) {
		List<Host> hosts = hosts(url);
		return hosts.isEmpty() ? List.of(List.of()) : hosts.stream().map(Host::settings).toList();
	}

	/**
	 * Adds what weakens one host's connection.
	 * @return the mode the host uses, empty when nothing sets it (the starter's query
	 * parameter will)
	 */
	private static Optional<String> assessHost(List<List<Parameter>> sources, Set<Weakness> weaknesses,
			boolean xProtocol) {
		Resolution sslMode = JdbcConnectionSettings.resolve("sslMode", Names.EXACT, sources);
		if (xProtocol) {
			// X DevAPI sessions also read xdevapi.ssl-mode: both must verify.
			JdbcConnectionSettings.resolve("xdevapi.ssl-mode", Names.EXACT, sources)
				.value()
				.filter((mode) -> !mode.is("VERIFY_IDENTITY"))
				.ifPresent((mode) -> weaknesses.add(new Weakness(mode.describe(), mode.value(), problem(mode.value()),
						mode.fix("xdevapi.ssl-mode=VERIFY_IDENTITY"))));
		}
		Optional<Parameter> mode = sslMode.value();
		String effective;
		if (mode.isPresent()) {
			effective = mode.get().value().toUpperCase(Locale.ROOT);
			if (!mode.get().is("VERIFY_IDENTITY")) {
				weaknesses.add(new Weakness(mode.get().describe(), mode.get().value(), problem(mode.get().value()),
						mode.get().fix(FIX)));
			}
		}
		else {
			effective = legacy(sources, weaknesses);
			if (effective == null) {
				if (!sslMode.ignored().isEmpty()) {
					// What the user wrote is not what the driver reads: name it rather
					// than add a second spelling.
					sslMode.ignored()
						.forEach((spelling) -> weaknesses.add(DriverTlsRule.ignored(spelling, "Connector/J", "sslMode",
								"PREFERRED, which falls back to plaintext whenever the server does not offer TLS",
								FIX)));
				}
				return Optional.empty();
			}
		}
		if (!"VERIFY_IDENTITY".equals(effective)) {
			sslMode.ignored()
				.forEach((spelling) -> weaknesses
					.add(DriverTlsRule.ignored(spelling, "Connector/J", "sslMode", "sslMode " + effective, FIX)));
		}
		return Optional.of("sslMode=" + effective);
	}

	/**
	 * The mode the legacy switches give where {@code sslMode} is absent, as Connector/J
	 * derives it, or {@code null} when none is set.
	 */
	private static @Nullable String legacy(List<List<Parameter>> sources, Set<Weakness> weaknesses) {
		Optional<Parameter> useSsl = JdbcConnectionSettings.resolve("useSSL", Names.EXACT, sources).value();
		Optional<Parameter> verify = JdbcConnectionSettings.resolve("verifyServerCertificate", Names.EXACT, sources)
			.value();
		Optional<Parameter> require = JdbcConnectionSettings.resolve("requireSSL", Names.EXACT, sources).value();
		if (useSsl.isEmpty() && verify.isEmpty() && require.isEmpty()) {
			return null;
		}
		String mode;
		Parameter cause;
		if (useSsl.filter((use) -> !isTrue(use, true)).isPresent()) {
			mode = "DISABLED";
			cause = useSsl.get();
		}
		else if (verify.filter((on) -> isTrue(on, false)).isPresent()) {
			mode = "VERIFY_CA";
			cause = verify.get();
		}
		else if (require.filter((on) -> isTrue(on, false)).isPresent()) {
			mode = "REQUIRED";
			cause = require.get();
		}
		else {
			mode = "PREFERRED";
			cause = useSsl.or(() -> verify).or(() -> require).orElseThrow();
		}
		weaknesses.add(new Weakness(cause.describe(), cause.value(),
				"makes Connector/J use sslMode=" + mode + " (sslMode is not set), which " + problem(mode),
				cause.fix(FIX)));
		return mode;
	}

	/**
	 * Connector/J's booleans: true/yes and false/no in any case; anything else fails the
	 * connection.
	 */
	private static boolean isTrue(Parameter parameter, boolean otherwise) {
		return parameter.is("true", "yes") || (!parameter.is("false", "no") && otherwise);
	}

	private static String problem(String mode) {
		return switch (mode.trim().toUpperCase(Locale.ROOT)) {
			case "DISABLED" -> "turns TLS off: the connection, password included, crosses the network in plaintext";
			case "PREFERRED" -> "falls back to plaintext whenever the server does not offer TLS";
			case "REQUIRED" -> "encrypts but never checks the server's certificate";
			case "VERIFY_CA" -> "checks the certificate's CA but not the host name";
			default -> "is not a mode that verifies the server";
		};
	}

	/**
	 * The query, after the authority's {@code ?} and before a {@code #}, as Connector/J
	 * reads it.
	 */
	private static List<Parameter> query(String url) {
		int authority = authorityStart(url);
		int start = url.indexOf('?', Math.max(authority, 0));
		if (start < 0) {
			return List.of();
		}
		int end = url.indexOf('#', start);
		return JdbcConnectionSettings.pairs(url.substring(start + 1, (end < 0) ? url.length() : end), '&', Source.URL,
				null, true, true, true);
	}

	private static int authorityStart(String url) {
		int slashes = url.indexOf("//");
		return (slashes < 0) ? -1 : slashes + 2;
	}

	/**
	 * Each host in the authority with its own settings; a plain {@code host:port} has
	 * none. Hosts are split on commas outside parentheses and brackets; a bracketed list
	 * is a list of hosts.
	 */
	static List<Host> hosts(String url) {
		int start = authorityStart(url);
		if (start < 0) {
			return List.of();
		}
		int end = start;
		int depth = 0;
		while (end < url.length()) {
			char c = url.charAt(end);
			if (c == '(' || c == '[') {
				depth++;
			}
			else if (c == ')' || c == ']') {
				depth--;
			}
			else if (depth == 0 && "/?#".indexOf(c) >= 0) {
				break;
			}
			end++;
		}
		List<Host> hosts = new ArrayList<>();
		addHosts(url.substring(start, end), hosts);
		return hosts;
	}

	private static void addHosts(String authority, List<Host> hosts) {
		for (String spec : splitTopLevel(authority)) {
			String host = spec.trim();
			if (host.startsWith("[") && host.endsWith("]") && host.contains("(")) {
				addHosts(host.substring(1, host.length() - 1), hosts);
				continue;
			}
			// user:password@ before the host, never inside its settings
			int paren = host.indexOf('(');
			int at = host.lastIndexOf('@', (paren < 0) ? host.length() - 1 : paren);
			if (at >= 0) {
				host = host.substring(at + 1).trim();
			}
			if (host.startsWith("(") && host.endsWith(")")) {
				hosts.add(UrlHosts.of(host.substring(1, host.length() - 1), false, true, PORT));
			}
			else if (host.toLowerCase(Locale.ROOT).startsWith("address=")) {
				hosts.add(UrlHosts.address(host, true, PORT));
			}
			else if (!host.isEmpty()) {
				hosts.add(UrlHosts.plain(host, PORT));
			}
		}
	}

	private static List<String> splitTopLevel(String text) {
		List<String> parts = new ArrayList<>();
		int depth = 0;
		int from = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '(' || c == '[') {
				depth++;
			}
			else if (c == ')' || c == ']') {
				depth--;
			}
			else if (c == ',' && depth == 0) {
				parts.add(text.substring(from, i));
				from = i + 1;
			}
		}
		parts.add(text.substring(from));
		return parts;
	}

}
