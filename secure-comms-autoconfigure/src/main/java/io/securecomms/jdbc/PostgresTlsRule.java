package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;

/**
 * pgjdbc: {@code sslmode=verify-full} is the only mode that both encrypts and checks the server's certificate
 * and host name without falling back. A foreign {@code sslfactory} or {@code sslhostnameverifier} replaces
 * those checks and is refused too.
 */
final class PostgresTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "PostgreSQL (pgjdbc)";

	private static final String FIX = "sslmode=verify-full";

	PostgresTlsRule() {
		super(DRIVER, "jdbc:postgresql:");
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		List<Weakness> weaknesses = new ArrayList<>();
		Optional<Parameter> sslmode = settings.find('&', "sslmode");
		Optional<Parameter> ssl = settings.find('&', "ssl");
		String verification = sslmode.map((mode) -> "sslmode=" + mode.value())
			.orElse(ssl.filter((on) -> on.is("true", "")).map((on) -> "ssl=true (verify-full)").orElse(FIX));
		sslmode.filter((mode) -> !mode.is("verify-full"))
			.ifPresent((mode) -> weaknesses.add(new Weakness(mode.describe(), mode.value(), problem(mode), FIX)));
		if (sslmode.isEmpty()) {
			ssl.filter((on) -> !on.is("true", ""))
				.ifPresent((off) -> weaknesses.add(new Weakness(off.describe(), off.value(),
						"turns TLS off: the connection, password included, crosses the network in plaintext",
						"remove " + off.name() + " and use " + FIX)));
		}
		settings.find('&', "sslfactory")
			.filter((factory) -> !factory.value().equals(PostgresTlsSocketFactory.class.getName()))
			.ifPresent((factory) -> weaknesses.add(new Weakness(factory.describe(), factory.value(),
					"replaces the starter's certificate checks with another socket factory"
							+ (factory.value().contains("NonValidating") ? " that trusts every certificate" : ""),
					"remove " + factory.name() + "; name the CA to trust in secure.comms.jdbc.trust-bundle")));
		settings.find('&', "sslhostnameverifier")
			.ifPresent((verifier) -> weaknesses.add(new Weakness(verifier.describe(), verifier.value(),
					"replaces the host name check", "remove " + verifier.name())));
		boolean saysNothing = sslmode.isEmpty() && ssl.isEmpty();
		return JdbcTlsAssessment.of(DRIVER, DriverTlsRule.hostOf(settings.url()), settings.url(), '&', verification,
				weaknesses, saysNothing ? Map.of("sslmode", "verify-full") : Map.of(), Map.of());
	}

	private static String problem(Parameter mode) {
		return switch (mode.value().trim().toLowerCase(java.util.Locale.ROOT)) {
			case "disable" -> "turns TLS off: the connection, password included, crosses the network in plaintext";
			case "allow", "prefer" -> "falls back to plaintext whenever the server (or someone in between) "
					+ "does not offer TLS";
			case "require" -> "encrypts but never checks the server's certificate, so anyone in between can "
					+ "pose as the database";
			case "verify-ca" -> "checks the certificate's CA but not the host name, so any server with a "
					+ "certificate from that CA can pose as the database";
			default -> "is not a mode that verifies the server";
		};
	}

}
