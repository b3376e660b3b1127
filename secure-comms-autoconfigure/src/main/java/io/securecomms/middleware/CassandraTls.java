package io.securecomms.middleware;

import java.util.List;

import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;

import io.securecomms.metrics.Channel;
import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.cassandra.autoconfigure.CassandraConnectionDetails;
import org.springframework.boot.cassandra.autoconfigure.CqlSessionBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * Checks the Cassandra session Boot builds, at startup (Boot's session is lazy: a check
 * in the builder alone would come at the first query), and puts each of its builders on
 * the policy: an engine factory from the {@link io.securecomms.trust.PolicySslContext}
 * (trusting {@code spring.cassandra.ssl.bundle}, else {@code secure.comms.middleware.*})
 * replaces Boot's, so host names are validated and every handshake is observed.
 */
public final class CassandraTls implements CqlSessionBuilderCustomizer, Ordered {

	private final @Nullable PolicySslEngineFactory engines;

	private CassandraTls(@Nullable PolicySslEngineFactory engines) {
		this.engines = engines;
	}

	/**
	 * @param bootBundle the bundle {@code spring.cassandra.ssl.bundle} names, or
	 * {@code null}
	 * @param verifyHostname {@code spring.cassandra.ssl.verify-hostname}
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, for a
	 * weakness not allowed
	 */
	public static CassandraTls check(MiddlewareTls tls, MiddlewareConnections connections,
			CassandraConnectionDetails connectionDetails, DriverConfigLoader driverConfig, @Nullable String bootBundle,
			boolean verifyHostname) {
		List<String> hosts = connectionDetails.getContactPoints()
			.stream()
			.map((node) -> node.host() + ":" + node.port())
			.toList();
		boolean bootSsl = connectionDetails.getSslBundle() != null;
		List<Violation> weaknesses = CassandraTlsRule.weaknesses(bootSsl, verifyHostname,
				driverConfig.getInitialConfig().getDefaultProfile(), hosts);
		boolean verified = weaknesses.isEmpty();
		String trust = verified ? tls.trustSource(bootBundle, CassandraTlsRule.SSL_BUNDLE)
				: (bootSsl ? "Boot's SSL bundle, not hardened" : "none");
		connections.check(
				new MiddlewareConnection(Channel.CASSANDRA, "CqlSession (spring.cassandra.*)", hosts, trust, verified),
				weaknesses);
		// A weakness the mode let through leaves the session as configured, shown in the
		// posture.
		return new CassandraTls(verified
				? new PolicySslEngineFactory(tls.sslContext(Channel.CASSANDRA, bootBundle, CassandraTlsRule.SSL_BUNDLE))
				: null);
	}

	/**
	 * A customizer that leaves the session alone: the application does not configure
	 * Cassandra.
	 */
	public static CassandraTls unchanged() {
		return new CassandraTls(null);
	}

	@Override
	public void customize(CqlSessionBuilder builder) {
		if (this.engines != null) {
			builder.withSslEngineFactory(this.engines);
		}
	}

	/**
	 * After the application's own customizers: the policy's engines are the last word.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
