package io.securecomms.middleware;

import java.util.List;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;

import io.securecomms.policy.Violation;

/**
 * What weakens a Cassandra session, read from Boot's SSL settings and the driver's own
 * configuration (an {@code advanced.ssl-engine-factory} from
 * {@code spring.cassandra.config} or system properties): TLS off, or node host names not
 * validated.
 */
public final class CassandraTlsRule {

	static final String SSL_ENABLED = "spring.cassandra.ssl.enabled";

	static final String VERIFY_HOSTNAME = "spring.cassandra.ssl.verify-hostname";

	static final String SSL_BUNDLE = "spring.cassandra.ssl.bundle";

	static final String DRIVER_HOSTNAME_VALIDATION = "datastax-java-driver."
			+ DefaultDriverOption.SSL_HOSTNAME_VALIDATION.getPath();

	private CassandraTlsRule() {
	}

	/**
	 * @param bootSsl whether Boot gives the session an SSL bundle
	 * ({@code spring.cassandra.ssl.enabled} or a bundle, or connection details with one)
	 * @param verifyHostname {@code spring.cassandra.ssl.verify-hostname}
	 * @param driverConfig the driver's default profile as Boot's config loader builds it
	 * @param hosts the contact points, for the message
	 * @return each weakness naming the property to change; empty for verified TLS
	 */
	public static List<Violation> weaknesses(boolean bootSsl, boolean verifyHostname,
			DriverExecutionProfile driverConfig, List<String> hosts) {
		if (bootSsl) {
			return verifyHostname ? List.of()
					: List.of(Violation.insecure(VERIFY_HOSTNAME, "false",
							"the Cassandra driver accepts a node certificate issued for another host name",
							"Remove " + VERIFY_HOSTNAME + "=false and give each node a certificate for its host name"));
		}
		if (driverConfig.isDefined(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS)) {
			return driverConfig.getBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION, true) ? List.of()
					: List.of(Violation.insecure(DRIVER_HOSTNAME_VALIDATION, "false",
							"the Cassandra driver accepts a node certificate issued for another host name",
							"Remove " + DRIVER_HOSTNAME_VALIDATION + "=false from the driver configuration"));
		}
		return List.of(Violation.insecure(SSL_ENABLED, "false",
				"the Cassandra driver connects to " + hosts
						+ " without TLS: queries, rows and credentials cross the network in clear",
				"Set " + SSL_BUNDLE + " to the SSL bundle that trusts the nodes (or " + SSL_ENABLED + "=true with "
						+ MiddlewareTls.TRUST_PROPERTY + ")"));
	}

}
