package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.securecomms.jdbc.JdbcTlsAssessment.Status;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.Violation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Puts every data source on verified TLS before its pool opens a connection: reads its
 * URL and the driver properties beside it as the driver will get them
 * ({@link DataSourceInspector}), applies the mode to what weakens TLS, adds the
 * verified-TLS parameters where the URL says nothing, gives the drivers the bundles'
 * trust, and, for HikariCP pools, shows every failed connection attempt to the meters. A
 * data source it cannot read is a violation, not a pass. Remembers what it found for the
 * posture report.
 */
public final class DataSourceTlsGuard implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DataSourceTlsGuard.class);

	/**
	 * The drivers that talk to a database server over the network, and whose trust the
	 * starter sets.
	 */
	private static final Set<String> NETWORK_DRIVERS = Set.of(PostgresTlsRule.DRIVER, MySqlTlsRule.DRIVER,
			MariaDbTlsRule.DRIVER, SqlServerTlsRule.DRIVER, OracleTlsRule.DRIVER);

	private final JdbcUrlPolicy policy;

	private final boolean requireTls;

	private final PolicyViolations violations;

	private final JdbcTlsConnectors connectors;

	private final Map<String, JdbcTlsAssessment> assessments = Collections.synchronizedMap(new LinkedHashMap<>());

	private final List<String> registered = Collections.synchronizedList(new ArrayList<>());

	/** A wrapper and the pool it wraps may both be beans: each is checked once. */
	private final Set<DataSource> guarded = Collections
		.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

	public DataSourceTlsGuard(JdbcUrlPolicy policy, boolean requireTls, PolicyViolations violations,
			JdbcTlsConnectors connectors) {
		this.policy = policy;
		this.requireTls = requireTls;
		this.violations = violations;
		this.connectors = connectors;
	}

	/**
	 * @throws io.securecomms.policy.InsecureConfigurationException when the data source
	 * weakens TLS, or cannot be read, in enforce mode
	 */
	public void guard(String name, DataSource dataSource) {
		if (dataSource == null || !this.guarded.add(dataSource)) {
			return;
		}
		PoolInspection inspection = DataSourceInspector.inspect(dataSource);
		if (inspection instanceof PoolInspection.Readable readable) {
			guardPool(name, readable.settings());
		}
		else if (inspection instanceof PoolInspection.InProcess inProcess) {
			this.assessments.put(name, new JdbcTlsAssessment(inProcess.kind(), null, Status.IN_PROCESS, "(in-process)",
					Map.of(), Map.of(), "in-process, no network", List.of()));
		}
		else if (inspection instanceof PoolInspection.Wraps wraps) {
			wraps.targets().forEach((key, target) -> guard(name + "[" + key + "]", target));
		}
		else if (inspection instanceof PoolInspection.UrlOnly urlOnly) {
			guardUrlOnly(name, urlOnly);
		}
		else if (inspection instanceof PoolInspection.Unreadable unreadable) {
			unreadable(name, unreadable.setting(), unreadable.value(), unreadable.problem(), unreadable.fix());
		}
	}

	private void guardPool(String name, PoolSettings pool) {
		if (pool.url() == null) {
			unreadable(name, "its JDBC URL", "(not set)", "the pool has no URL secure-comms can check",
					"give it a JDBC URL (spring.datasource.url)");
			return;
		}
		JdbcTlsAssessment assessment = assess(name, new JdbcConnectionSettings(pool.url(), pool.properties()),
				pool.source());
		if (!assessment.isNetworked() || assessment.status() == Status.ALLOWED) {
			return;
		}
		if (this.requireTls && assessment.status() == Status.UPGRADED) {
			pool.upgrade(assessment);
			logUpgrade(name, assessment);
		}
		if (NETWORK_DRIVERS.contains(assessment.driver())) {
			giveTrust(name, pool, assessment);
		}
		pool.observe(this.connectors.failureObserver(name, (assessment.host() != null) ? assessment.host() : name));
	}

	/**
	 * A URL alone proves little when the class may add settings of its own (MySQL's data
	 * source keeps {@code sslMode} apart from its URL): only in-process, allowed and
	 * already refused URLs are settled.
	 */
	private void guardUrlOnly(String name, PoolInspection.UrlOnly urlOnly) {
		JdbcTlsAssessment assessment = assess(name, new JdbcConnectionSettings(urlOnly.url(), Map.of()),
				PoolSettings.DEFAULT_SOURCE);
		Status status = assessment.status();
		if (status == Status.VERIFIED || status == Status.UPGRADED) {
			unreadable(name, urlOnly.setting(), urlOnly.type(),
					"secure-comms reads its URL but not the settings this class adds to it, which may turn TLS off",
					"build it as a pool secure-comms reads (" + DataSourceInspector.READ_POOLS + "), or, once you "
							+ "have checked that it verifies the server's certificate and host name, list its URL in "
							+ JdbcUrlPolicy.ALLOWED_URLS);
		}
	}

	/**
	 * The posture shows it as what it is: not checked, whatever its URL alone would
	 * suggest.
	 */
	private void unreadable(String name, String setting, String value, String problem, String fix) {
		JdbcTlsAssessment found = this.assessments.get(name);
		this.assessments.put(name,
				new JdbcTlsAssessment("unknown (" + value + ")", (found != null) ? found.host() : null,
						Status.UNSUPPORTED, (found != null) ? found.url() : "(unknown)", Map.of(), Map.of(),
						"not readable: " + setting, List.of()));
		if (this.requireTls) {
			this.violations
				.handle(List.of(Violation.insecure("data source '" + name + "', " + setting, value, problem, fix)));
		}
	}

	/**
	 * pgjdbc gets the starter's socket factory; the other drivers get the bundles as
	 * files.
	 */
	private void giveTrust(String name, PoolSettings pool, JdbcTlsAssessment assessment) {
		if (!this.connectors.hasTrust()) {
			this.violations.handle(List.of(Violation.insecure(JdbcTlsConnectors.TRUST_PROPERTY, "(not set)",
					"data source '" + name + "' has nothing to trust its database server with",
					"Name the SSL bundle whose truststore holds the database server's CA in "
							+ JdbcTlsConnectors.TRUST_PROPERTY
							+ " (report mode leaves the driver's own trust meanwhile)")));
			if (!assessment.driver().equals(PostgresTlsRule.DRIVER)) {
				return;
			}
		}
		if (assessment.driver().equals(PostgresTlsRule.DRIVER)) {
			String key = JdbcTlsRegistry.register(this.connectors.connector(name));
			this.registered.add(key);
			pool.addProperty("sslfactory", PostgresTlsSocketFactory.class.getName());
			pool.addProperty(JdbcTlsRegistry.KEY_PROPERTY, key);
			return;
		}
		String url = Objects.requireNonNull(pool.url(), "a pool without a URL is not guarded").toLowerCase(Locale.ROOT);
		Map<String, String> own = pool.properties();
		List<String> added = new ArrayList<>();
		this.connectors.driverProperties(assessment.driver()).forEach((property, value) -> {
			boolean ownSetting = url.contains(property.toLowerCase(Locale.ROOT) + "=") || own.containsKey(property);
			if (!ownSetting) {
				pool.addProperty(property, value);
				added.add(property);
			}
		});
		logger.info("secure-comms gave data source '" + name + "' the trust of " + JdbcTlsConnectors.TRUST_PROPERTY
				+ ": " + added);
	}

	private JdbcTlsAssessment assess(String name, JdbcConnectionSettings settings, String source) {
		JdbcTlsAssessment assessment = this.policy.assess(settings);
		this.assessments.put(name, assessment);
		if (this.requireTls) {
			this.violations.handle(assessment.weaknesses()
				.stream()
				.map((weakness) -> Violation.insecure("data source '" + name + "', " + weakness.parameter(),
						weakness.value(), weakness.problem(), "use " + weakness.fix() + " in " + source))
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
