package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.securecomms.jdbc.JdbcConnectionSettings.Names;
import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcConnectionSettings.Resolution;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;

/**
 * pgjdbc: {@code sslmode=verify-full} is the only mode that both encrypts and checks the
 * server's certificate and host name without falling back. A foreign {@code sslfactory}
 * or {@code sslhostnameverifier} replaces those checks and is refused too.
 * <p>
 * Read as {@code org.postgresql.Driver.parseURL} does: names exactly as pgjdbc spells
 * them (lower case), the URL before the driver properties, the last duplicate in the URL
 * winning, values URL-decoded and not trimmed. Without {@code sslmode}, {@code ssl=true}
 * (or an empty {@code ssl}) means {@code verify-full} and any other {@code ssl} means
 * {@code prefer}. A {@code service} parameter pulls more parameters from a service file,
 * which the starter does not read.
 */
final class PostgresTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "PostgreSQL (pgjdbc)";

	private static final String FIX = "sslmode=verify-full";

	PostgresTlsRule() {
		super(DRIVER, "jdbc:postgresql:");
	}

	/**
	 * The mode pgjdbc uses, as written (it reads modes in any case): {@code prefer} when
	 * nothing sets one.
	 */
	static String sslMode(JdbcConnectionSettings settings) {
		List<List<Parameter>> sources = sources(settings);
		return JdbcConnectionSettings.resolve("sslmode", Names.EXACT, sources)
			.value()
			.map(Parameter::value)
			.orElseGet(() -> JdbcConnectionSettings.resolve("ssl", Names.EXACT, sources)
				.value()
				.filter((on) -> on.is("true", ""))
				.map((on) -> "verify-full")
				.orElse("prefer"));
	}

	/** The URL before the driver properties, as {@code Driver.parseURL} merges them. */
	private static List<List<Parameter>> sources(JdbcConnectionSettings settings) {
		return List.of(settings.queryParameters(false, true, false), settings.propertyParameters());
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		List<List<Parameter>> sources = sources(settings);
		List<Weakness> weaknesses = new ArrayList<>();
		Resolution sslmode = JdbcConnectionSettings.resolve("sslmode", Names.EXACT, sources);
		Resolution ssl = JdbcConnectionSettings.resolve("ssl", Names.EXACT, sources);
		Optional<Parameter> mode = sslmode.value();
		mode.filter((m) -> !m.is("verify-full"))
			.ifPresent((m) -> weaknesses.add(new Weakness(m.describe(), m.value(), problem(m.value()), m.fix(FIX))));
		if (mode.isEmpty()) {
			ssl.value()
				.filter((on) -> !on.is("true", ""))
				.ifPresent((off) -> weaknesses.add(new Weakness(off.describe(), off.value(),
						"makes pgjdbc use sslmode=prefer, which " + problem("prefer"), off.fix(FIX))));
		}
		boolean verifiedBySsl = mode.isEmpty() && ssl.value().filter((on) -> on.is("true", "")).isPresent();
		if (mode.filter((m) -> m.is("verify-full")).isEmpty() && !verifiedBySsl) {
			// A spelling pgjdbc does not read names what the user meant, and hides what
			// the driver does.
			String used = mode.map((m) -> "sslmode=" + m.value())
				.orElse("sslmode=prefer, which falls back to plaintext whenever the server does not offer TLS");
			sslmode.ignored()
				.forEach((spelling) -> weaknesses.add(DriverTlsRule.ignored(spelling, "pgjdbc", "sslmode", used, FIX)));
			ssl.ignored()
				.forEach((spelling) -> weaknesses.add(DriverTlsRule.ignored(spelling, "pgjdbc", "ssl", used, FIX)));
		}
		JdbcConnectionSettings.resolve("sslfactory", Names.EXACT, sources)
			.value()
			.filter((factory) -> !factory.value().equals(PostgresTlsSocketFactory.class.getName()))
			.ifPresent((factory) -> weaknesses.add(new Weakness(factory.describe(), factory.value(),
					"replaces the starter's certificate checks with another socket factory"
							+ (factory.value().contains("NonValidating") ? " that trusts every certificate" : ""),
					"remove " + factory.name() + "; name the CA to trust in secure.comms.jdbc.trust-bundle")));
		JdbcConnectionSettings.resolve("sslhostnameverifier", Names.EXACT, sources)
			.value()
			.ifPresent((verifier) -> weaknesses.add(new Weakness(verifier.describe(), verifier.value(),
					"replaces the host name check", "remove " + verifier.name())));
		JdbcConnectionSettings.resolve("service", Names.EXACT, sources.subList(0, 1))
			.value()
			.ifPresent((service) -> weaknesses.add(new Weakness(service.describe(), service.value(),
					"makes pgjdbc read more parameters from a connection service file (pg_service.conf), which "
							+ "the starter cannot see, so it cannot know which TLS settings the driver uses",
					"write the connection's parameters in the URL instead of service=, with " + FIX
							+ ", or list the URL in " + JdbcUrlPolicy.ALLOWED_URLS + " once checked")));
		String verification = mode.map((m) -> "sslmode=" + m.value()).orElse(FIX);
		// Without sslmode the starter writes it into the URL, where it wins over the
		// driver properties and over
		// the defaults pgjdbc reads from org/postgresql/driverconfig.properties.
		return JdbcTlsAssessment.of(DRIVER, DriverTlsRule.hostOf(settings.url()), settings.url(), '&', verification,
				weaknesses, mode.isEmpty() ? Map.of("sslmode", "verify-full") : Map.of(), Map.of());
	}

	private static String problem(String mode) {
		return switch (mode.toLowerCase(Locale.ROOT)) {
			case "disable" -> "turns TLS off: the connection, password included, crosses the network in plaintext";
			case "allow", "prefer" ->
				"falls back to plaintext whenever the server (or someone in between) " + "does not offer TLS";
			case "require" -> "encrypts but never checks the server's certificate, so anyone in between can "
					+ "pose as the database";
			case "verify-ca" -> "checks the certificate's CA but not the host name, so any server with a "
					+ "certificate from that CA can pose as the database";
			default -> "is not a mode that verifies the server (pgjdbc reads modes in any case, but not with "
					+ "spaces or other words)";
		};
	}

}
