package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import io.securecomms.jdbc.JdbcTlsAssessment.Status;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.Violation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;

/**
 * Puts every data source on verified TLS before its pool opens a connection: assesses its URL and properties,
 * applies the mode to what weakens TLS, adds the verified-TLS parameters where the URL says nothing, and, for
 * HikariCP pools, gives pgjdbc the bundles' trust and shows every failed connection attempt to the meters.
 * Remembers what it found for the posture report.
 */
public final class DataSourceTlsGuard implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DataSourceTlsGuard.class);

	private static final String[] URL_PROPERTIES = { "jdbcUrl", "url", "URL" };

	/** The drivers that talk to a database server over the network, and whose trust the starter sets. */
	private static final Set<String> NETWORK_DRIVERS = Set.of(PostgresTlsRule.DRIVER, MySqlTlsRule.DRIVER,
			MariaDbTlsRule.DRIVER, SqlServerTlsRule.DRIVER, OracleTlsRule.DRIVER);

	private final JdbcUrlPolicy policy;

	private final boolean requireTls;

	private final PolicyViolations violations;

	private final JdbcTlsConnectors connectors;

	private final Map<String, JdbcTlsAssessment> assessments = Collections.synchronizedMap(new LinkedHashMap<>());

	private final List<String> registered = Collections.synchronizedList(new ArrayList<>());

	public DataSourceTlsGuard(JdbcUrlPolicy policy, boolean requireTls, PolicyViolations violations,
			JdbcTlsConnectors connectors) {
		this.policy = policy;
		this.requireTls = requireTls;
		this.violations = violations;
		this.connectors = connectors;
	}

	/**
	 * @throws io.securecomms.policy.InsecureConfigurationException when the URL weakens TLS in enforce mode
	 */
	public void guard(String name, DataSource dataSource) {
		if (dataSource instanceof HikariDataSource hikari) {
			guardHikari(name, hikari);
			return;
		}
		BeanWrapper bean = PropertyAccessorFactory.forBeanPropertyAccess(dataSource);
		for (String property : URL_PROPERTIES) {
			if (bean.isReadableProperty(property) && bean.getPropertyValue(property) instanceof String url) {
				JdbcTlsAssessment assessment = assess(name, new JdbcConnectionSettings(url, Map.of()));
				if (this.requireTls && assessment.status() == Status.UPGRADED && bean.isWritableProperty(property)) {
					bean.setPropertyValue(property, assessment.url());
					logUpgrade(name, assessment);
				}
				return;
			}
		}
		logger.warn("secure-comms cannot see the JDBC URL of data source '" + name + "' ("
				+ dataSource.getClass().getName() + "), so it cannot check that it uses verified TLS");
	}

	private void guardHikari(String name, HikariDataSource hikari) {
		if (hikari.getJdbcUrl() == null || hikari.getDataSource() != null || hikari.isRunning()) {
			logger.warn("secure-comms cannot check HikariCP pool '" + name + "': it " + ((hikari.isRunning())
					? "is already open" : "wraps a DataSource of its own instead of a JDBC URL"));
			return;
		}
		Map<String, String> properties = new LinkedHashMap<>();
		hikari.getDataSourceProperties().forEach((key, value) -> properties.put(key.toString(), String.valueOf(value)));
		JdbcTlsAssessment assessment = assess(name, new JdbcConnectionSettings(hikari.getJdbcUrl(), properties));
		if (!assessment.isNetworked() || assessment.status() == Status.ALLOWED) {
			return;
		}
		if (this.requireTls && assessment.status() == Status.UPGRADED) {
			hikari.setJdbcUrl(assessment.url());
			assessment.addedProperties().forEach(hikari::addDataSourceProperty);
			logUpgrade(name, assessment);
		}
		if (NETWORK_DRIVERS.contains(assessment.driver())) {
			giveTrust(name, hikari, assessment);
		}
		Properties driverProperties = new Properties();
		driverProperties.putAll(hikari.getDataSourceProperties());
		DataSource driver = new DriverDataSource(hikari.getJdbcUrl(), hikari.getDriverClassName(), driverProperties,
				hikari.getUsername(), hikari.getPassword());
		hikari.setDataSource(new ObservedDataSource(driver,
				this.connectors.failureObserver(name, (assessment.host() != null) ? assessment.host() : name)));
	}

	/** pgjdbc gets the starter's socket factory; the other drivers get the bundles as files. */
	private void giveTrust(String name, HikariDataSource hikari, JdbcTlsAssessment assessment) {
		if (!this.connectors.hasTrust()) {
			this.violations.handle(List.of(Violation.insecure(JdbcTlsConnectors.TRUST_PROPERTY, "(not set)",
					"data source '" + name + "' has nothing to trust its database server with",
					"Name the SSL bundle whose truststore holds the database server's CA in "
							+ JdbcTlsConnectors.TRUST_PROPERTY + " (report mode leaves the driver's own trust meanwhile)")));
			if (!assessment.driver().equals(PostgresTlsRule.DRIVER)) {
				return;
			}
		}
		if (assessment.driver().equals(PostgresTlsRule.DRIVER)) {
			String key = JdbcTlsRegistry.register(this.connectors.connector(name));
			this.registered.add(key);
			hikari.addDataSourceProperty("sslfactory", PostgresTlsSocketFactory.class.getName());
			hikari.addDataSourceProperty(JdbcTlsRegistry.KEY_PROPERTY, key);
			return;
		}
		String url = hikari.getJdbcUrl().toLowerCase(Locale.ROOT);
		List<String> added = new ArrayList<>();
		this.connectors.driverProperties(assessment.driver()).forEach((property, value) -> {
			boolean ownSetting = url.contains(property.toLowerCase(Locale.ROOT) + "=")
					|| hikari.getDataSourceProperties().containsKey(property);
			if (!ownSetting) {
				hikari.addDataSourceProperty(property, value);
				added.add(property);
			}
		});
		logger.info("secure-comms gave data source '" + name + "' the trust of " + JdbcTlsConnectors.TRUST_PROPERTY
				+ ": " + added);
	}

	private JdbcTlsAssessment assess(String name, JdbcConnectionSettings settings) {
		JdbcTlsAssessment assessment = this.policy.assess(settings);
		this.assessments.put(name, assessment);
		if (this.requireTls) {
			this.violations.handle(assessment.weaknesses()
				.stream()
				.map((weakness) -> Violation.insecure("data source '" + name + "', " + weakness.parameter(),
						weakness.value(), weakness.problem(),
						"use " + weakness.fix() + " in its JDBC URL (spring.datasource.url, or the "
								+ "JdbcConnectionDetails that supplies it)"))
				.toList());
		}
		return assessment;
	}

	private static void logUpgrade(String name, JdbcTlsAssessment assessment) {
		Map<String, String> added = new LinkedHashMap<>(assessment.added());
		assessment.addedProperties().forEach(added::put);
		logger.info("secure-comms put data source '" + name + "' (" + assessment.driver() + ") on verified TLS: added "
				+ added.entrySet().stream().map(Object::toString).collect(Collectors.joining(", ")));
	}

	/** What was found for each data source, by bean name. */
	public Map<String, JdbcTlsAssessment> assessments() {
		synchronized (this.assessments) {
			return new LinkedHashMap<>(this.assessments);
		}
	}

	@Override
	public void close() {
		this.registered.forEach(JdbcTlsRegistry::unregister);
		this.connectors.close();
	}

}
