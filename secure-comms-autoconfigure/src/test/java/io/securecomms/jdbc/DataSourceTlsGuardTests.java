package io.securecomms.jdbc;

import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.mysql.cj.jdbc.MysqlDataSource;
import io.securecomms.jdbc.JdbcTlsAssessment.Status;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsProfile;
import io.securecomms.policy.Violation;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.RevocationMode;
import org.apache.commons.dbcp2.BasicDataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the guard does with data sources it cannot read with certainty: a violation, never
 * a pass; and with the in-process ones: nothing.
 */
class DataSourceTlsGuardTests {

	private static final TlsPolicy POLICY = new TlsPolicy(TlsProfile.INTERMEDIATE, List.of("TLSv1.3", "TLSv1.2"),
			List.of("TLS_AES_256_GCM_SHA384"), List.of("x25519"));

	@Test
	void aDataSourceThatShowsNoUrlStopsStartupInEnforceMode() {
		DataSourceTlsGuard guard = guard(new PolicyViolations(Mode.ENFORCE), true);

		Violation violation = refused(guard, "legacy", new DataSourceInspectorTests.OpaqueDataSource());

		assertThat(violation.property()).isEqualTo("data source 'legacy', its class");
		assertThat(violation.value()).isEqualTo(DataSourceInspectorTests.OpaqueDataSource.class.getName());
		assertThat(violation.problem()).contains("cannot see where it connects");
		assertThat(violation.fix()).contains("HikariCP with a jdbcUrl, Commons DBCP2, Tomcat JDBC");
	}

	@Test
	void aDataSourceThatShowsNoUrlIsAWarningAndACountedViolationInReportMode() {
		PolicyViolations violations = new PolicyViolations(Mode.REPORT);
		DataSourceTlsGuard guard = guard(violations, true);

		guard.guard("legacy", new DataSourceInspectorTests.OpaqueDataSource());

		assertThat(violations.reported()).singleElement()
			.satisfies((violation) -> assertThat(violation.property()).isEqualTo("data source 'legacy', its class"));
		assertThat(guard.assessments().get("legacy").status()).isEqualTo(Status.UNSUPPORTED);
	}

	@Test
	void aUrlWithoutTheSettingsItsClassAddsIsNotTakenAsVerified() {
		Violation violation = refused(guard(new PolicyViolations(Mode.ENFORCE), true), "orders",
				DataSourceInspectorTests.hikariOverMysqlWithTlsOff());

		assertThat(violation.property()).isEqualTo("data source 'orders', HikariCP dataSourceClassName");
		assertThat(violation.value()).isEqualTo(MysqlDataSource.class.getName());
		assertThat(violation.problem()).contains("not the settings this class adds to it");
		assertThat(violation.fix()).contains("secure.comms.jdbc.allowed-urls");
	}

	@Test
	void inProcessDatabasesAreLeftAlone() throws Exception {
		PolicyViolations violations = new PolicyViolations(Mode.ENFORCE);
		DataSourceTlsGuard guard = guard(violations, true);
		EmbeddedDatabase embedded = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.build();
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:unknown-class");
		try (BasicDataSource dbcp2 = new BasicDataSource()) {
			dbcp2.setUrl("jdbc:h2:mem:dbcp2");

			guard.guard("embedded", embedded);
			guard.guard("h2", h2);
			guard.guard("dbcp2", dbcp2);

			assertThat(guard.assessments()).containsOnlyKeys("embedded", "h2", "dbcp2")
				.allSatisfy((name, assessment) -> assertThat(assessment.status()).isEqualTo(Status.IN_PROCESS));
			assertThat(violations.reported()).isEmpty();
		}
		finally {
			embedded.shutdown();
		}
	}

	@Test
	void aPoolBehindAWrapperIsCheckedOnceEvenWhenBothAreBeans() throws Exception {
		DataSourceTlsGuard guard = guard(new PolicyViolations(Mode.ENFORCE), true);
		try (BasicDataSource dbcp2 = new BasicDataSource()) {
			dbcp2.setUrl("jdbc:h2:mem:wrapped");

			guard.guard("transactional", new TransactionAwareDataSourceProxy(dbcp2));
			guard.guard("dbcp2", dbcp2);

			assertThat(guard.assessments()).containsOnlyKeys("transactional[target]");
		}
	}

	@Test
	void everyDataSourceBehindARoutingDataSourceIsChecked() throws Exception {
		DataSourceTlsGuard guard = guard(new PolicyViolations(Mode.ENFORCE), true);
		try (BasicDataSource first = new BasicDataSource(); BasicDataSource second = new BasicDataSource()) {
			first.setUrl("jdbc:h2:mem:first");
			second.setUrl("jdbc:h2:mem:second");
			AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {

				@Override
				protected Object determineCurrentLookupKey() {
					return "first";
				}

			};
			routing.setTargetDataSources(Map.of("first", first));
			routing.setDefaultTargetDataSource(second);
			routing.afterPropertiesSet();

			guard.guard("routing", routing);

			assertThat(guard.assessments()).containsOnlyKeys("routing[first]", "routing[default]");
		}
	}

	@Test
	void withRequireTlsOffNothingIsRefused() {
		PolicyViolations violations = new PolicyViolations(Mode.ENFORCE);

		guard(violations, false).guard("legacy", new DataSourceInspectorTests.OpaqueDataSource());

		assertThat(violations.reported()).isEmpty();
	}

	private static Violation refused(DataSourceTlsGuard guard, String name, DataSource dataSource) {
		InsecureConfigurationException refused = org.junit.jupiter.api.Assertions
			.assertThrows(InsecureConfigurationException.class, () -> guard.guard(name, dataSource));
		assertThat(refused.getViolations()).hasSize(1);
		return refused.getViolations().get(0);
	}

	private static DataSourceTlsGuard guard(PolicyViolations violations, boolean requireTls) {
		return new DataSourceTlsGuard(new JdbcUrlPolicy(List.of()), requireTls, violations,
				new JdbcTlsConnectors(
						new ClientTls(null, false, null, List.of(), RevocationMode.OFF, IdentityPatterns.none()),
						POLICY, violations.mode(), new DefaultSslBundleRegistry(), new HandshakeEvents(List.of())));
	}

}
