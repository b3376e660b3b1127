package io.securecomms.jdbc;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.securecomms.jdbc.JdbcTlsAssessment.Status;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;

/**
 * Decides, from a data source's URL and properties alone, whether its connections use
 * verified TLS, and what to add where the URL says nothing. Knows PostgreSQL, MySQL,
 * MariaDB, SQL Server, Oracle and the embeddable Java databases; any other URL must be
 * allowed by name.
 */
public final class JdbcUrlPolicy {

	static final String ALLOWED_URLS = "secure.comms.jdbc.allowed-urls";

	private static final List<DriverTlsRule> RULES = List.of(new PostgresTlsRule(), new MySqlTlsRule(),
			new MariaDbTlsRule(), new SqlServerTlsRule(), new OracleTlsRule(), new EmbeddedDatabaseTlsRule());

	private final List<String> allowedUrls;

	/**
	 * @param allowedUrls URL prefixes the team vouches for, taken as they are
	 */
	public JdbcUrlPolicy(List<String> allowedUrls) {
		this.allowedUrls = List.copyOf(allowedUrls);
	}

	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		for (String allowed : this.allowedUrls) {
			if (settings.url().startsWith(allowed)) {
				return new JdbcTlsAssessment("allowed by " + ALLOWED_URLS, DriverTlsRule.hostOf(settings.url()),
						Status.ALLOWED, settings.url(), Map.of(), Map.of(), "as configured (" + ALLOWED_URLS + ")",
						List.of());
			}
		}
		for (DriverTlsRule rule : RULES) {
			if (rule.handles(settings)) {
				return rule.assess(settings);
			}
		}
		return new JdbcTlsAssessment("unknown", DriverTlsRule.hostOf(settings.url()), Status.UNSUPPORTED,
				settings.url(), Map.of(), Map.of(), "unknown",
				List.of(new Weakness("the URL's driver", scheme(settings.url()),
						"is not one whose TLS settings the starter can check (it knows "
								+ RULES.stream().map(DriverTlsRule::driver).collect(Collectors.joining(", ")) + ")",
						"make sure the driver verifies the server's certificate and host name, then list the URL "
								+ "(or a prefix of it) in " + ALLOWED_URLS)));
	}

	private static String scheme(String url) {
		int second = url.indexOf(':', url.indexOf(':') + 1);
		return (second > 0) ? url.substring(0, second + 1) : url;
	}

}
