package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;

/**
 * MySQL Connector/J: {@code sslMode=VERIFY_IDENTITY}. The legacy {@code useSSL}/{@code verifyServerCertificate}
 * switches count only where {@code sslMode} is absent, as in the driver.
 */
final class MySqlTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "MySQL (Connector/J)";

	private static final String FIX = "sslMode=VERIFY_IDENTITY";

	MySqlTlsRule() {
		super(DRIVER, "jdbc:mysql:", "jdbc:mysql+srv:", "mysqlx:");
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		List<Weakness> weaknesses = new ArrayList<>();
		Optional<Parameter> sslMode = settings.find('&', "sslMode");
		sslMode.filter((mode) -> !mode.is("VERIFY_IDENTITY"))
			.ifPresent((mode) -> weaknesses.add(new Weakness(mode.describe(), mode.value(), switch (mode.value()
				.trim()
				.toUpperCase(java.util.Locale.ROOT)) {
				case "DISABLED" -> "turns TLS off: the connection crosses the network in plaintext";
				case "PREFERRED" -> "falls back to plaintext whenever the server does not offer TLS";
				case "REQUIRED" -> "encrypts but never checks the server's certificate";
				case "VERIFY_CA" -> "checks the certificate's CA but not the host name";
				default -> "is not a mode that verifies the server";
			}, FIX)));
		if (sslMode.isEmpty()) {
			settings.find('&', "useSSL")
				.filter((use) -> use.is("false", "no"))
				.ifPresent((off) -> weaknesses.add(new Weakness(off.describe(), off.value(),
						"turns TLS off: the connection crosses the network in plaintext",
						"remove " + off.name() + " and use " + FIX)));
			settings.find('&', "verifyServerCertificate")
				.filter((verify) -> verify.is("false", "no"))
				.ifPresent((off) -> weaknesses.add(new Weakness(off.describe(), off.value(),
						"never checks the server's certificate", "remove " + off.name() + " and use " + FIX)));
		}
		return JdbcTlsAssessment.of(DRIVER, DriverTlsRule.hostOf(settings.url()), settings.url(), '&',
				sslMode.map((mode) -> "sslMode=" + mode.value()).orElse(FIX), weaknesses,
				sslMode.isEmpty() ? Map.of("sslMode", "VERIFY_IDENTITY") : Map.of(), Map.of());
	}

}
