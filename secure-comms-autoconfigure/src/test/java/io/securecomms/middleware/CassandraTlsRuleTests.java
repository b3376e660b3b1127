package io.securecomms.middleware;

import java.util.List;

import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.config.DriverExecutionProfile;
import com.datastax.oss.driver.api.core.config.ProgrammaticDriverConfigLoaderBuilder;
import com.datastax.oss.driver.internal.core.ssl.DefaultSslEngineFactory;
import org.junit.jupiter.api.Test;

import io.securecomms.policy.Violation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Cassandra rule reads Boot's SSL settings and the driver's own configuration as its
 * loader builds it.
 */
class CassandraTlsRuleTests {

	private static final List<String> HOSTS = List.of("node1.example:9042");

	@Test
	void noSslAnywhereIsPlaintextAndNamesBootsSslProperty() {
		assertThat(CassandraTlsRule.weaknesses(false, true, driverConfig(false, null), HOSTS)).singleElement()
			.satisfies((weakness) -> {
				assertThat(weakness.property()).isEqualTo("spring.cassandra.ssl.enabled");
				assertThat(weakness.problem()).contains("[node1.example:9042] without TLS");
				assertThat(weakness.fix()).contains("spring.cassandra.ssl.bundle");
			});
	}

	@Test
	void bootsSslWithHostNamesVerifiedIsVerifiedTls() {
		assertThat(CassandraTlsRule.weaknesses(true, true, driverConfig(false, null), HOSTS)).isEmpty();
	}

	@Test
	void bootsVerifyHostnameOffIsNamed() {
		assertThat(CassandraTlsRule.weaknesses(true, false, driverConfig(false, null), HOSTS))
			.extracting(Violation::describe)
			.singleElement()
			.asString()
			.startsWith("spring.cassandra.ssl.verify-hostname=false: ")
			.contains("another host name");
	}

	@Test
	void theDriversOwnSslEngineFactoryCountsAsTlsAndItsHostNameValidationIsRead() {
		assertThat(CassandraTlsRule.weaknesses(false, true, driverConfig(true, null), HOSTS)).isEmpty();
		assertThat(CassandraTlsRule.weaknesses(false, true, driverConfig(true, false), HOSTS))
			.extracting(Violation::property)
			.containsExactly("datastax-java-driver.advanced.ssl-engine-factory.hostname-validation");
	}

	private static DriverExecutionProfile driverConfig(boolean sslEngineFactory, Boolean hostnameValidation) {
		ProgrammaticDriverConfigLoaderBuilder builder = DriverConfigLoader.programmaticBuilder();
		if (sslEngineFactory) {
			builder.withClass(DefaultDriverOption.SSL_ENGINE_FACTORY_CLASS, DefaultSslEngineFactory.class);
		}
		if (hostnameValidation != null) {
			builder.withBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION, hostnameValidation);
		}
		return builder.build().getInitialConfig().getDefaultProfile();
	}

}
