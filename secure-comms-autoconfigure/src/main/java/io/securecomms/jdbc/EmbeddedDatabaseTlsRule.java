package io.securecomms.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.securecomms.jdbc.JdbcConnectionSettings.Names;
import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcConnectionSettings.Source;
import io.securecomms.jdbc.JdbcTlsAssessment.Status;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;

/**
 * H2, HSQLDB and Derby: in-process modes send nothing over a network and are allowed.
 * Their server modes are a violation even over TLS ({@code jdbc:h2:ssl://},
 * {@code jdbc:hsqldb:hsqls://} or {@code https://}, Derby's
 * {@code ssl=peerAuthentication}): those clients take the JVM's default trust, not the
 * JDBC trust bundle, and check no host name, so the starter cannot call them verified. A
 * team that has checked them lists them in {@code secure.comms.jdbc.allowed-urls}. H2's
 * {@code AUTO_SERVER=TRUE} opens a TCP server for other processes, so it is networked
 * too.
 */
final class EmbeddedDatabaseTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "H2, HSQLDB or Derby";

	private static final String UNVERIFIABLE = "uses TLS with the JVM's default trust and no host name check: the "
			+ "starter cannot give it the JDBC trust bundle or check the server's host name";

	private static final String ALLOW = "once the server's certificate and host name are checked some other way, "
			+ "list the URL in " + JdbcUrlPolicy.ALLOWED_URLS;

	EmbeddedDatabaseTlsRule() {
		super(DRIVER, "jdbc:h2:", "jdbc:hsqldb:", "jdbc:derby:");
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		String url = settings.lowerCaseUrl();
		if (url.startsWith("jdbc:h2:")) {
			JdbcTlsAssessment assessment = serverMode(settings, "H2", url.substring(8), "tcp://", "ssl://");
			Optional<Parameter> autoServer = autoServer(settings);
			if (assessment.status() == Status.IN_PROCESS && autoServer.isPresent()) {
				return JdbcTlsAssessment.weakened("H2", null, settings.url(), "none",
						List.of(new Weakness(autoServer.get().describe(), autoServer.get().value(),
								"opens a TCP server without TLS that other processes connect to: the database is "
										+ "networked, not in-process",
								"remove " + autoServer.get().name() + " (or " + ALLOW + ")")));
			}
			return assessment;
		}
		if (url.startsWith("jdbc:hsqldb:")) {
			String rest = url.substring(12);
			return serverMode(settings, "HSQLDB", rest, rest.startsWith("http://") ? "http://" : "hsql://",
					rest.startsWith("https://") ? "https://" : "hsqls://");
		}
		return derby(settings, url.substring(11));
	}

	private static Optional<Parameter> autoServer(JdbcConnectionSettings settings) {
		// H2 reads the settings after ';' in any case.
		return JdbcConnectionSettings.resolve("AUTO_SERVER", Names.ANY_CASE, List.of(settingsAfterSemicolons(settings)))
			.value()
			.filter((on) -> on.is("true"));
	}

	private static List<Parameter> settingsAfterSemicolons(JdbcConnectionSettings settings) {
		int start = settings.url().indexOf(';');
		return (start < 0) ? List.of() : JdbcConnectionSettings.pairs(settings.url().substring(start + 1), ';',
				Source.URL, null, false, false, true);
	}

	private static JdbcTlsAssessment serverMode(JdbcConnectionSettings settings, String database, String rest,
			String plainScheme, String tlsScheme) {
		String host = DriverTlsRule.hostOf(settings.url());
		if (rest.startsWith(tlsScheme)) {
			return JdbcTlsAssessment.weakened(database, host, settings.url(), database + " " + tlsScheme,
					List.of(new Weakness("the URL scheme", tlsScheme, UNVERIFIABLE, ALLOW)));
		}
		if (rest.startsWith(plainScheme)) {
			return JdbcTlsAssessment.weakened(database, host, settings.url(), "none",
					List.of(new Weakness("the URL scheme", plainScheme,
							"connects to a " + database + " server without TLS",
							"use an in-process database, or a database server whose driver the starter verifies")));
		}
		return inProcess(database, settings.url());
	}

	private static JdbcTlsAssessment derby(JdbcConnectionSettings settings, String rest) {
		if (!rest.startsWith("//")) {
			return inProcess("Derby", settings.url());
		}
		String host = DriverTlsRule.hostOf(settings.url());
		Optional<Parameter> ssl = JdbcConnectionSettings
			.resolve("ssl", Names.ANY_CASE, List.of(settingsAfterSemicolons(settings)))
			.value();
		Weakness weakness = ssl.filter((on) -> on.is("peerAuthentication"))
			.map((on) -> new Weakness(on.describe(), on.value(), UNVERIFIABLE, ALLOW))
			.orElseGet(() -> new Weakness(ssl.map(Parameter::describe).orElse("the URL"),
					ssl.map(Parameter::value).orElse("no ssl parameter"),
					ssl.filter((on) -> on.is("basic")).isPresent()
							? "encrypts but never checks the server's certificate"
							: "connects to a Derby network server without TLS",
					"use an in-process database, or a database server whose driver the starter verifies"));
		return JdbcTlsAssessment.weakened("Derby", host, settings.url(),
				ssl.map((on) -> "ssl=" + on.value()).orElse("none"), List.of(weakness));
	}

	private static JdbcTlsAssessment inProcess(String database, String url) {
		return new JdbcTlsAssessment(database, null, Status.IN_PROCESS, url, Map.of(), Map.of(),
				"in-process, no network", List.of());
	}

}
