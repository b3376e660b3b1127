package io.securecomms.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcTlsAssessment.Status;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;

/**
 * H2, HSQLDB and Derby: in-process modes send nothing over a network and are allowed; their server modes must
 * use TLS ({@code jdbc:h2:ssl://}, {@code jdbc:hsqldb:hsqls://} or {@code https://}, Derby's network client
 * with {@code ssl=peerAuthentication}).
 */
final class EmbeddedDatabaseTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "H2, HSQLDB or Derby";

	EmbeddedDatabaseTlsRule() {
		super(DRIVER, "jdbc:h2:", "jdbc:hsqldb:", "jdbc:derby:");
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		String url = settings.lowerCaseUrl();
		if (url.startsWith("jdbc:h2:")) {
			return serverMode(settings, "H2", url.substring(8), "tcp://", "ssl://", "jdbc:h2:ssl://host/database");
		}
		if (url.startsWith("jdbc:hsqldb:")) {
			String rest = url.substring(12);
			String plain = rest.startsWith("http://") ? "http://" : "hsql://";
			return serverMode(settings, "HSQLDB", rest, plain, rest.startsWith("https://") ? "https://" : "hsqls://",
					"jdbc:hsqldb:hsqls://host/database");
		}
		return derby(settings, url.substring(11));
	}

	private static JdbcTlsAssessment serverMode(JdbcConnectionSettings settings, String database, String rest,
			String plainScheme, String tlsScheme, String example) {
		String host = DriverTlsRule.hostOf(settings.url());
		if (rest.startsWith(tlsScheme)) {
			return JdbcTlsAssessment.verified(database, host, settings.url(), database + " " + tlsScheme);
		}
		if (rest.startsWith(plainScheme)) {
			return JdbcTlsAssessment.weakened(database, host, settings.url(), "none",
					List.of(new Weakness("the URL scheme", plainScheme,
							"connects to a " + database + " server without TLS", "use " + example)));
		}
		return inProcess(database, settings.url());
	}

	private static JdbcTlsAssessment derby(JdbcConnectionSettings settings, String rest) {
		if (!rest.startsWith("//")) {
			return inProcess("Derby", settings.url());
		}
		Optional<Parameter> ssl = settings.find(';', "ssl");
		String host = DriverTlsRule.hostOf(settings.url());
		if (ssl.isPresent() && !ssl.get().is("peerAuthentication")) {
			return JdbcTlsAssessment.weakened("Derby", host, settings.url(), "ssl=" + ssl.get().value(),
					List.of(new Weakness(ssl.get().describe(), ssl.get().value(),
							ssl.get().is("basic") ? "encrypts but never checks the server's certificate"
									: "turns TLS off",
							"ssl=peerAuthentication")));
		}
		return JdbcTlsAssessment.of("Derby", host, settings.url(), ';', "ssl=peerAuthentication", List.of(),
				ssl.isEmpty() ? Map.of("ssl", "peerAuthentication") : Map.of(), Map.of());
	}

	private static JdbcTlsAssessment inProcess(String database, String url) {
		return new JdbcTlsAssessment(database, null, Status.IN_PROCESS, url, Map.of(), Map.of(),
				"in-process, no network", List.of());
	}

}
