package io.securecomms.jdbc;

import javax.sql.DataSource;

import io.securecomms.autoconfigure.SecureCommsAutoConfiguration;
import io.securecomms.autoconfigure.SecureCommsJdbcAutoConfiguration;
import io.securecomms.jdbc.JdbcTlsAssessment.Status;
import io.securecomms.policy.InsecureConfigurationException;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC check with HikariCP hidden from the class path, as in an application that uses
 * another pool: the auto-configuration still applies and a DBCP2 pool is checked.
 * (HikariCP cannot be truly absent in this module, whose other tests need it; hiding it
 * from the class loader is what {@code @ConditionalOnClass} sees.)
 */
class JdbcWithoutHikariTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withClassLoader(new FilteredClassLoader("com.zaxxer.hikari"))
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SecureCommsAutoConfiguration.class,
				SecureCommsJdbcAutoConfiguration.class))
		.withUserConfiguration(Dbcp2Pool.class);

	@Test
	void aDbcp2PoolThatTurnsTlsOffStopsStartup() {
		this.runner.withPropertyValues("test.url=jdbc:postgresql://db.example/app?sslmode=disable")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InsecureConfigurationException.class)
				.hasMessageContaining("data source 'dataSource'")
				.hasMessageContaining("disable"));
	}

	@Test
	void anInProcessDbcp2PoolStartsAndIsShownAsSuch() {
		this.runner.withPropertyValues("test.url=jdbc:h2:mem:without-hikari").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(DataSourceTlsGuard.class).assessments().get("dataSource").status())
				.isEqualTo(Status.IN_PROCESS);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Dbcp2Pool {

		@Bean
		DataSource dataSource(Environment environment) {
			BasicDataSource dbcp2 = new BasicDataSource();
			dbcp2.setUrl(environment.getRequiredProperty("test.url"));
			return dbcp2;
		}

	}

}
