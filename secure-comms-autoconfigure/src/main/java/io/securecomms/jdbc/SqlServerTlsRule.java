package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.securecomms.jdbc.JdbcConnectionSettings.Names;
import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcConnectionSettings.Resolution;
import io.securecomms.jdbc.JdbcConnectionSettings.Source;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;

/**
 * Microsoft JDBC Driver for SQL Server: {@code encrypt=strict} (TDS 8, TLS before
 * anything else), or {@code encrypt=true} with the certificate checked
 * ({@code trustServerCertificate=false}). Where the URL says nothing the starter adds the
 * second form, which every supported server speaks.
 * <p>
 * Read as mssql-jdbc does: names in any case, the driver properties winning over the URL,
 * the last duplicate in the URL winning, names and values trimmed, a value in braces
 * ({@code {true}}) taken without them. A {@code trustManagerClass} replaces the
 * certificate checks, and a {@code hostNameInCertificate} other than the server's own
 * name makes the driver accept a certificate issued for another host.
 */
final class SqlServerTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "SQL Server (mssql-jdbc)";

	SqlServerTlsRule() {
		super(DRIVER, "jdbc:sqlserver:");
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		List<List<Parameter>> sources = List.of(settings.propertyParameters(), urlParameters(settings.url()));
		List<Weakness> weaknesses = new ArrayList<>();
		Optional<Parameter> encrypt = read("encrypt", sources, weaknesses, "encrypt=strict");
		Optional<Parameter> trustServerCertificate = read("trustServerCertificate", sources, weaknesses,
				"trustServerCertificate=false");
		encrypt.filter((on) -> !on.is("strict", "true", "mandatory", "yes"))
			.ifPresent((off) -> weaknesses.add(new Weakness(off.describe(), off.value(),
					"leaves the connection unencrypted after login", off.fix("encrypt=strict"))));
		trustServerCertificate.filter((trust) -> trust.is("true", "yes"))
			.ifPresent((trust) -> weaknesses.add(new Weakness(trust.describe(), trust.value(),
					"trusts every certificate the server presents", trust.fix("trustServerCertificate=false"))));
		read("sslProtocol", sources, weaknesses, "sslProtocol=TLSv1.2")
			.filter((protocol) -> protocol.is("TLSv1", "TLSv1.1"))
			.ifPresent((protocol) -> weaknesses.add(new Weakness(protocol.describe(), protocol.value(),
					"allows a protocol version below TLS 1.2", protocol.fix("sslProtocol=TLSv1.2"))));
		read("trustManagerClass", sources, weaknesses, "no trustManagerClass")
			.ifPresent((manager) -> weaknesses.add(new Weakness(manager.describe(), manager.value(),
					"replaces the driver's certificate checks with that class, which the starter cannot vouch for",
					"remove " + manager.name() + "; name the CA to trust in secure.comms.jdbc.trust-bundle")));
		String server = server(settings.url(), read("serverName", sources, weaknesses, "one serverName"));
		read("hostNameInCertificate", sources, weaknesses, "the server's own host name")
			.filter((name) -> !matches(name.value(), server))
			.ifPresent((name) -> weaknesses.add(new Weakness(name.describe(), name.value(),
					"makes the driver accept a certificate issued for " + name.value() + " instead of the server's "
							+ "own name " + server + ", so another server holding such a certificate can pose as "
							+ "the database",
					"remove " + name.name() + " (the driver then checks the host name it connects to)")));
		Map<String, String> added = new LinkedHashMap<>();
		if (encrypt.isEmpty()) {
			added.put("encrypt", "true");
		}
		boolean strict = encrypt.filter((on) -> on.is("strict")).isPresent();
		if (trustServerCertificate.isEmpty() && !strict) {
			added.put("trustServerCertificate", "false");
		}
		String verification = encrypt.map((on) -> "encrypt=" + on.value()).orElse("encrypt=true") + (strict ? ""
				: ", trustServerCertificate=" + trustServerCertificate.map(Parameter::value).orElse("false"));
		return JdbcTlsAssessment.of(DRIVER, DriverTlsRule.hostOf(settings.url()), settings.url(), ';', verification,
				weaknesses, added, Map.of());
	}

	private static Optional<Parameter> read(String name, List<List<Parameter>> sources, List<Weakness> weaknesses,
			String fix) {
		Resolution resolution = JdbcConnectionSettings.resolve(name, Names.ANY_CASE, sources);
		if (!resolution.isCertain()) {
			weaknesses.add(DriverTlsRule.conflicting(resolution, "mssql-jdbc", fix));
		}
		return resolution.value();
	}

	/**
	 * The {@code name=value} pairs after the server part, split on {@code ;} outside
	 * braces; {@code }}} inside braces is one {@code }}.
	 */
	static List<Parameter> urlParameters(String url) {
		List<Parameter> parameters = new ArrayList<>();
		int start = url.indexOf(';');
		if (start < 0) {
			return parameters;
		}
		StringBuilder name = new StringBuilder();
		StringBuilder value = new StringBuilder();
		boolean inValue = false;
		for (int i = start + 1; i <= url.length(); i++) {
			char c = (i < url.length()) ? url.charAt(i) : ';';
			if (!inValue) {
				if (c == '=') {
					inValue = true;
				}
				else if (c == ';') {
					name.setLength(0);
				}
				else {
					name.append(c);
				}
				continue;
			}
			if (c == '{' && value.toString().isBlank()) {
				int close = i + 1;
				StringBuilder braced = new StringBuilder();
				while (close < url.length()) {
					if (url.charAt(close) == '}' && close + 1 < url.length() && url.charAt(close + 1) == '}') {
						braced.append('}');
						close += 2;
					}
					else if (url.charAt(close) == '}') {
						break;
					}
					else {
						braced.append(url.charAt(close++));
					}
				}
				value.setLength(0);
				value.append(braced);
				i = close;
				continue;
			}
			if (c == ';') {
				parameters.add(new Parameter(name.toString().trim(), value.toString().trim(), Source.URL, null));
				name.setLength(0);
				value.setLength(0);
				inValue = false;
			}
			else {
				value.append(c);
			}
		}
		return parameters;
	}

	/** The host the driver connects to: the URL's, else {@code serverName}. */
	private static String server(String url, Optional<Parameter> serverName) {
		String host = DriverTlsRule.hostOf(url);
		if (host != null) {
			host = host.replaceFirst("[\\\\:].*$", "");
		}
		return (host == null || host.isBlank()) ? serverName.map(Parameter::value).orElse("") : host;
	}

	/**
	 * An exact host name, or {@code *.suffix} for one label under the suffix, in any
	 * case.
	 */
	static boolean matches(String pattern, String host) {
		String lowerPattern = pattern.toLowerCase(Locale.ROOT);
		String lowerHost = host.toLowerCase(Locale.ROOT);
		if (lowerPattern.startsWith("*.")) {
			String suffix = lowerPattern.substring(1);
			return lowerHost.endsWith(suffix) && lowerHost.indexOf('.') == lowerHost.length() - suffix.length();
		}
		return lowerPattern.equals(lowerHost);
	}

}
