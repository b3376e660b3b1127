package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;

/**
 * MariaDB Connector/J: {@code sslMode=verify-full}; {@code trustServerCertificate} and
 * {@code disableSslHostnameVerification} switch the checks off whatever the mode.
 */
final class MariaDbTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "MariaDB (Connector/J)";

	private static final String FIX = "sslMode=verify-full";

	MariaDbTlsRule() {
		super(DRIVER, "jdbc:mariadb:");
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		List<Weakness> weaknesses = new ArrayList<>();
		Optional<Parameter> sslMode = settings.find('&', "sslMode");
		sslMode.filter((mode) -> !mode.is("verify-full", "verify_full"))
			.ifPresent((mode) -> weaknesses.add(new Weakness(mode.describe(), mode.value(), switch (mode.value()
				.trim()
				.toLowerCase(java.util.Locale.ROOT)
				.replace('_', '-')) {
				case "disable" -> "turns TLS off: the connection crosses the network in plaintext";
				case "trust" -> "encrypts but trusts every certificate";
				case "verify-ca" -> "checks the certificate's CA but not the host name";
				default -> "is not a mode that verifies the server";
			}, FIX)));
		settings.find('&', "useSsl", "useSSL")
			.filter((use) -> sslMode.isEmpty() && use.is("false", "0"))
			.ifPresent((off) -> weaknesses.add(new Weakness(off.describe(), off.value(),
					"turns TLS off: the connection crosses the network in plaintext",
					"remove " + off.name() + " and use " + FIX)));
		settings.find('&', "trustServerCertificate")
			.filter((trust) -> trust.is("true", "1"))
			.ifPresent((trust) -> weaknesses.add(new Weakness(trust.describe(), trust.value(),
					"trusts every certificate", "remove " + trust.name() + " and use " + FIX)));
		settings.find('&', "disableSslHostnameVerification")
			.filter((skip) -> skip.is("true", "1"))
			.ifPresent((skip) -> weaknesses.add(new Weakness(skip.describe(), skip.value(),
					"skips the host name check", "remove " + skip.name())));
		return JdbcTlsAssessment.of(DRIVER, DriverTlsRule.hostOf(settings.url()), settings.url(), '&',
				sslMode.map((mode) -> "sslMode=" + mode.value()).orElse(FIX), weaknesses,
				sslMode.isEmpty() ? Map.of("sslMode", "verify-full") : Map.of(), Map.of());
	}

}
