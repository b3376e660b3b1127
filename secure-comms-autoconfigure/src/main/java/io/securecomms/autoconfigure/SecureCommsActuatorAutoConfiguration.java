package io.securecomms.autoconfigure;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.securecomms.actuate.PostureAssembler;
import io.securecomms.actuate.PostureReport;
import io.securecomms.actuate.SecureCommsEndpoint;
import io.securecomms.client.HttpClientCoverage;
import io.securecomms.dependencies.TlsLibraries;
import io.securecomms.jdbc.DataSourceTlsGuard;
import io.securecomms.jvm.JvmDefault;
import io.securecomms.actuate.MiddlewarePostures;
import io.securecomms.metrics.RecentHandshakeFailures;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.server.ConnectorInventory;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.server.stapling.StapleHealth;
import io.securecomms.server.stapling.StapleOutcome;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The posture endpoint {@code /actuator/securecomms}, the record of recent failures it
 * shows, and the {@code secure.comms.policy.violations} gauge of what report mode let
 * through.
 */
@AutoConfiguration(after = { SecureCommsAutoConfiguration.class, SecureCommsJdbcAutoConfiguration.class,
		SecureCommsMiddlewareAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsActuatorAutoConfiguration {

	static final int RECENT_FAILURES = 50;

	@Bean
	RecentHandshakeFailures secureCommsRecentHandshakeFailures() {
		return new RecentHandshakeFailures(RECENT_FAILURES);
	}

	@Bean
	ConnectorInventory secureCommsConnectorInventory() {
		return new ConnectorInventory();
	}

	@Bean
	@ConditionalOnClass(MeterBinder.class)
	MeterBinder secureCommsViolationsGauge(PolicyViolations violations) {
		return (registry) -> Gauge.builder("secure.comms.policy.violations", violations, (v) -> v.reported().size())
			.description("Insecure settings report mode let through (see /actuator/securecomms)")
			.register(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	@ConditionalOnAvailableEndpoint(SecureCommsEndpoint.class)
	static class EndpointConfiguration {

		@Bean
		SecureCommsEndpoint secureCommsEndpoint(SecureCommsProperties properties, TlsPolicy policy,
				ObjectProvider<ConnectorInventory> connectors, ObjectProvider<DataSourceTlsGuard> dataSources,
				ObjectProvider<HttpClientCoverage> clientCoverage, ObjectProvider<MiddlewareConnections> middleware,
				SslBundles bundles, PolicyViolations violations, RecentHandshakeFailures failures,
				ObjectProvider<TlsLibraries> libraries, ObjectProvider<JvmDefault> jvmDefault,
				ObjectProvider<StapleHealth> stapleHealth) {
			SecureCommsProperties.Jdbc jdbc = properties.getJdbc();
			return new SecureCommsEndpoint(new PostureAssembler(properties.getMode(), policy,
					new PostureAssembler.Outbound(properties.getClient().toTargets(),
							properties.getClient().isAllowPlaintext(), clientCoverage::getIfAvailable),
					new PostureAssembler.Jdbc(jdbc.getTrustBundle(),
							Objects.requireNonNull(jdbc.getRevocation(), "secure.comms.jdbc.revocation"),
							() -> dataSources.stream()
								.findFirst()
								.map(DataSourceTlsGuard::assessments)
								.orElse(Map.of())),
					() -> withStaples(
							connectors.stream().findFirst().map(ConnectorInventory::connectors).orElse(List.of()),
							stapleHealth.getIfAvailable()),
					() -> middleware.stream().findFirst().map(MiddlewarePostures::of).orElse(List.of()), bundles,
					violations, failures, () -> jvmDefaultPosture(jvmDefault.getIfAvailable()),
					libraries::getIfAvailable)
				.expiryWarning(properties.getMetrics().getExpiryWarning()));
		}

		/**
		 * With OCSP stapling, each stapling connector shows what the latest probe of its
		 * responder found.
		 */
		private static List<ConnectorPosture> withStaples(List<ConnectorPosture> connectors,
				@Nullable StapleHealth stapleHealth) {
			if (stapleHealth == null) {
				return connectors;
			}
			return connectors.stream().map((connector) -> {
				StapleOutcome latest = stapleHealth.latest(connector.server(), connector.port());
				return (latest != null) ? connector.withStaple(latest.describe()) : connector;
			}).toList();
		}

		private static PostureReport.JvmDefaultPosture jvmDefaultPosture(@Nullable JvmDefault installed) {
			JvmDefault.Description description = (installed != null) ? installed.description() : JvmDefault.untouched();
			return new PostureReport.JvmDefaultPosture(description.status(), description.trustSource(),
					description.revocation(), description.protocols(), JvmDefault.NOT_COVERED);
		}

	}

}
