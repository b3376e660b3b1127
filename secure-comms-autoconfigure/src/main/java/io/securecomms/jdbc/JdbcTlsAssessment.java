package io.securecomms.jdbc;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the URL policy found for one data source: how TLS is verified, what the starter
 * added to get there, and what weakens it.
 *
 * @param driver the driver, in words ({@code PostgreSQL (pgjdbc)})
 * @param host the host (or hosts) the URL names, {@code null} for an in-process database
 * @param status the verdict
 * @param url the URL to connect with: the original one, or with the verified-TLS
 * parameters added
 * @param added the parameters the starter added to the URL, for the INFO line
 * @param addedProperties the driver properties the starter adds (where the URL cannot
 * take them)
 * @param verification how the server is verified, for the posture report
 * ({@code sslmode=verify-full})
 * @param weaknesses what weakens TLS, each naming the parameter and the value to use
 */
public record JdbcTlsAssessment(String driver, @Nullable String host, Status status, String url,
		Map<String, String> added, Map<String, String> addedProperties, String verification,
		List<Weakness> weaknesses) {

	public JdbcTlsAssessment {
		added = Map.copyOf(added);
		addedProperties = Map.copyOf(addedProperties);
		weaknesses = List.copyOf(weaknesses);
	}

	static JdbcTlsAssessment verified(String driver, @Nullable String host, String url, String verification) {
		return new JdbcTlsAssessment(driver, host, Status.VERIFIED, url, Map.of(), Map.of(), verification, List.of());
	}

	static JdbcTlsAssessment weakened(String driver, @Nullable String host, String url, String verification,
			List<Weakness> weaknesses) {
		return new JdbcTlsAssessment(driver, host, Status.WEAKENED, url, Map.of(), Map.of(), verification, weaknesses);
	}

	/**
	 * The verdict: weakened when any weakness was found, else upgraded when something had
	 * to be added.
	 * @param separator what joins the URL's parameters: {@code &} or {@code ;}
	 */
	static JdbcTlsAssessment of(String driver, @Nullable String host, String url, char separator, String verification,
			List<Weakness> weaknesses, Map<String, String> added, Map<String, String> addedProperties) {
		if (!weaknesses.isEmpty()) {
			return weakened(driver, host, url, verification, weaknesses);
		}
		if (added.isEmpty() && addedProperties.isEmpty()) {
			return verified(driver, host, url, verification);
		}
		String upgradedUrl = url;
		for (Map.Entry<String, String> parameter : added.entrySet()) {
			upgradedUrl = DriverTlsRule.withParameter(upgradedUrl, separator, parameter.getKey(), parameter.getValue());
		}
		return new JdbcTlsAssessment(driver, host, Status.UPGRADED, upgradedUrl, added, addedProperties, verification,
				List.of());
	}

	public boolean isNetworked() {
		return this.status != Status.IN_PROCESS;
	}

	public enum Status {

		/** The URL already asks for verified TLS. */
		VERIFIED,

		/**
		 * The URL said nothing about TLS; the starter added the verified-TLS parameters.
		 */
		UPGRADED,

		/** An in-process database: nothing goes over a network. */
		IN_PROCESS,

		/** The URL or the properties turn TLS off or skip verification. */
		WEAKENED,

		/** A driver the starter does not know. */
		UNSUPPORTED,

		/** Listed in {@code secure.comms.jdbc.allowed-urls}: the team vouches for it. */
		ALLOWED

	}

	/**
	 * @param parameter the parameter that weakens TLS, as written
	 * @param value its value
	 * @param problem what it does
	 * @param fix the parameter and value to use instead
	 */
	public record Weakness(String parameter, String value, String problem, String fix) {
	}

}
