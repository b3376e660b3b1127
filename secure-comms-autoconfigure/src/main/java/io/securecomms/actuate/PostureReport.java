package io.securecomms.actuate;

import java.time.Instant;
import java.util.List;

import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import org.jspecify.annotations.Nullable;

/**
 * What {@code /actuator/securecomms} shows: the effective policy, every connector,
 * certificate, outbound target and data source, the violations report mode let through,
 * the latest handshake failures, and a check per requirement. Never a password, a key or
 * a full JDBC URL.
 *
 * @param mode {@code enforce} or {@code report}
 * @param profile the TLS profile
 * @param protocols the protocols every channel offers, newest first
 * @param cipherSuites the suites in the order the server prefers them
 * @param connectors every listening connector
 * @param certificates every certificate the application presents or trusts
 * @param outboundTargets the HTTP clients' default settings and each named target
 * @param httpClients which HTTP clients carry the policy, and which cannot
 * @param dataSources every data source the JDBC guard saw
 * @param middleware every middleware connection (Redis, Kafka, LDAP, mail, ...) the
 * starter checked
 * @param jvmDefault the JVM's default SSL context: on the policy or left alone
 * @param libraries the TLS libraries on the class path, the version of the jar loaded and
 * known flaws
 * @param violations what report mode allowed, with the property to change
 * @param recentFailures the latest handshake failures, newest first
 * @param checks one verdict per requirement
 */
public record PostureReport(String mode, String profile, List<String> protocols, List<String> cipherSuites,
		List<ConnectorPosture> connectors, List<CertificatePosture> certificates, List<TargetPosture> outboundTargets,
		HttpClientsPosture httpClients, List<DataSourcePosture> dataSources, List<MiddlewarePosture> middleware,
		@Nullable JvmDefaultPosture jvmDefault, List<LibraryPosture> libraries, List<ViolationPosture> violations,
		List<FailurePosture> recentFailures, List<Check> checks) {

	/**
	 * @param bundle the SSL bundle holding it
	 * @param role {@code presents} (a key store's chain) or {@code trusts} (a trust
	 * store's entry)
	 * @param expiresSoon whether it expires within
	 * {@code secure.comms.metrics.expiry-warning} (14 days by default)
	 */
	public record CertificatePosture(String bundle, String role, String subject, String issuer, String serial,
			Instant notAfter, long daysLeft, boolean expiresSoon) {
	}

	/**
	 * @param name {@code default} for the settings every host gets, else the target's
	 * name
	 * @param serverIdentities the identities the server's certificate must name besides
	 * its host name (empty: none)
	 */
	public record TargetPosture(String name, List<String> hosts, @Nullable String trustBundle, boolean includeJdkTrust,
			@Nullable String identityBundle, List<String> pins, String revocation, List<String> serverIdentities) {
	}

	/**
	 * @param covered the client paths that carry the policy
	 * @param notCovered the client paths the starter cannot reach (clients created at
	 * call time)
	 * @param beans the application's client beans and what the starter found or did
	 */
	public record HttpClientsPosture(List<String> covered, List<String> notCovered, List<ClientBeanPosture> beans) {
	}

	/**
	 * @param status {@code hardened} (on the starter's factory), {@code adopted} (put on
	 * it by the starter) or {@code not_covered} (on a factory of its own: a violation)
	 */
	public record ClientBeanPosture(String name, String type, String status, String detail) {
	}

	/**
	 * @param name the bean name
	 * @param host the host (or hosts) the URL names
	 * @param status {@code verified}, {@code upgraded}, {@code in_process},
	 * {@code weakened}, {@code unsupported} or {@code allowed}
	 * @param verification how the server is verified ({@code sslmode=verify-full})
	 */
	public record DataSourcePosture(String name, String driver, @Nullable String host, String status,
			String verification) {
	}

	/**
	 * @param channel the channel tag ({@code redis}, {@code kafka}, ...)
	 * @param client the client bean or the Boot properties it is built from
	 * @param hosts the hosts it connects to
	 * @param status {@code tls}, {@code plaintext-allowed}, {@code weakened} or
	 * {@code not-required}
	 * @param trustSource the SSL bundle it trusts and the property naming it, or
	 * {@code none}
	 * @param hostnameVerified whether the server's host name is checked
	 * @param weaknesses what keeps it from verified TLS, with the property to change
	 */
	public record MiddlewarePosture(String channel, String client, List<String> hosts, String status,
			String trustSource, boolean hostnameVerified, List<String> weaknesses) {
	}

	/**
	 * @param name the library ({@code httpclient5}, {@code jdk})
	 * @param version the version of the jar actually loaded, or {@code unknown}
	 * @param source where the version was read
	 * ({@code pom.properties in httpclient5-5.6.5.jar})
	 * @param status {@code ok}, {@code flawed} (a known flaw applies) or {@code unknown}
	 * (the version cannot be read)
	 * @param advisory the flaw and its fix, empty when there is none
	 */
	public record LibraryPosture(String name, String version, String source, String status, String advisory) {
	}

	/**
	 * @param status {@code installed} (on the policy) or {@code disabled} (the JVM's own,
	 * left alone)
	 * @param trustSource what it trusts
	 * @param revocation {@code off}, {@code soft-fail} or {@code hard-fail}
	 * @param protocols the protocols it offers
	 * @param notCovered what it cannot reach
	 */
	public record JvmDefaultPosture(String status, String trustSource, String revocation, List<String> protocols,
			String notCovered) {
	}

	public record ViolationPosture(String property, String value, String problem, String fix) {
	}

	public record FailurePosture(Instant time, String channel, String direction, String peer, String reason,
			@Nullable String message) {
	}

	/**
	 * @param requirement the requirement it serves ({@code OWASP ASVS 5.0 V12.1.1})
	 * @param title what is checked
	 * @param status {@link #PASS}, {@link #FAIL} or {@link #NOT_APPLICABLE}
	 * @param detail why
	 */
	public record Check(String requirement, String title, String status, String detail) {

		public static final String PASS = "pass";

		public static final String FAIL = "fail";

		public static final String NOT_APPLICABLE = "not_applicable";

	}

}
