package io.securecomms.autoconfigure;

import javax.sql.DataSource;

import io.securecomms.jdbc.DataSourceTlsGuard;
import io.securecomms.jdbc.JdbcTlsConnectors;
import io.securecomms.jdbc.JdbcUrlPolicy;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.trust.TrustSettingsCheck;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * Every DataSource connects with verified TLS: URLs are checked and upgraded before the
 * pool opens, the drivers get the JDBC bundles' trust, and failed connection attempts are
 * counted on the {@code jdbc} channel. Needs only {@link DataSource}: the guard
 * recognises HikariCP and the other pools by class name, so that a pool other than
 * HikariCP, or none, is checked too.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class)
@ConditionalOnClass(DataSource.class)
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsJdbcAutoConfiguration {

	@Bean
	DataSourceTlsGuard secureCommsDataSourceTlsGuard(SecureCommsProperties properties, TlsPolicy policy,
			PolicyViolations violations, HandshakeEvents events, SslBundles bundles) {
		SecureCommsProperties.Jdbc jdbc = properties.getJdbc();
		violations.handle(new TrustSettingsCheck(bundles).check("secure.comms.jdbc.", jdbc.toClientTls()));
		return new DataSourceTlsGuard(new JdbcUrlPolicy(jdbc.getAllowedUrls()), jdbc.isRequireTls(), violations,
				new JdbcTlsConnectors(jdbc.toClientTls(), policy, properties.getMode(), bundles, events));
	}

	/**
	 * Static, and the guard fetched lazily, so that post-processing does not pull the
	 * policy in early.
	 */
	@Bean
	static BeanPostProcessor secureCommsDataSourceTlsPostProcessor(ObjectProvider<DataSourceTlsGuard> guard) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource dataSource) {
					guard.getObject().guard(beanName, dataSource);
				}
				return bean;
			}

		};
	}

}
