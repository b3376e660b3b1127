package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;

/**
 * Microsoft JDBC Driver for SQL Server: {@code encrypt=strict} (TDS 8, TLS before anything else), or
 * {@code encrypt=true} with the certificate checked ({@code trustServerCertificate=false}). Where the URL says
 * nothing the starter adds the second form, which every supported server speaks.
 */
final class SqlServerTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "SQL Server (mssql-jdbc)";

	SqlServerTlsRule() {
		super(DRIVER, "jdbc:sqlserver:");
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		List<Weakness> weaknesses = new ArrayList<>();
		Optional<Parameter> encrypt = settings.find(';', "encrypt");
		Optional<Parameter> trustServerCertificate = settings.find(';', "trustServerCertificate");
		encrypt.filter((on) -> !on.is("strict", "true", "mandatory", "yes"))
			.ifPresent((off) -> weaknesses.add(new Weakness(off.describe(), off.value(),
					"leaves the connection unencrypted after login", "encrypt=strict")));
		trustServerCertificate.filter((trust) -> trust.is("true", "yes"))
			.ifPresent((trust) -> weaknesses.add(new Weakness(trust.describe(), trust.value(),
					"trusts every certificate the server presents", "trustServerCertificate=false")));
		settings.find(';', "sslProtocol")
			.filter((protocol) -> protocol.is("TLSv1", "TLSv1.1"))
			.ifPresent((protocol) -> weaknesses.add(new Weakness(protocol.describe(), protocol.value(),
					"allows a protocol version below TLS 1.2", "sslProtocol=TLSv1.2")));
		Map<String, String> added = new LinkedHashMap<>();
		if (encrypt.isEmpty()) {
			added.put("encrypt", "true");
		}
		if (trustServerCertificate.isEmpty() && !encrypt.filter((strict) -> strict.is("strict")).isPresent()) {
			added.put("trustServerCertificate", "false");
		}
		String verification = encrypt.map((on) -> "encrypt=" + on.value()).orElse("encrypt=true")
				+ (encrypt.filter((strict) -> strict.is("strict")).isPresent() ? ""
						: ", trustServerCertificate=" + trustServerCertificate.map(Parameter::value).orElse("false"));
		return JdbcTlsAssessment.of(DRIVER, DriverTlsRule.hostOf(settings.url()), settings.url(), ';', verification,
				weaknesses, added, Map.of());
	}

}
