package io.securecomms.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import com.zaxxer.hikari.util.PropertyElf;
import io.securecomms.jdbc.PoolInspection.Readable;
import io.securecomms.jdbc.PoolInspection.Unreadable;
import io.securecomms.jdbc.PoolInspection.UrlOnly;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.util.ClassUtils;

/**
 * A HikariCP pool: its {@code jdbcUrl} and data source properties, and the connection
 * source under it, through which the starter sees every failed connection attempt. A pool
 * built with {@code dataSourceClassName} is read through the class itself where the
 * starter knows it (pgjdbc's data sources, whose settings all end up in their URL); only
 * this class refers to HikariCP, and only when a pool is one.
 */
final class HikariPoolSettings implements PoolSettings {

	private static final String NO_URL_FIX = "give the pool a JDBC URL instead (spring.datasource.url, or "
			+ "HikariCP's jdbcUrl), with the driver's TLS settings in the URL or the data source properties";

	private final HikariDataSource hikari;

	private final String source;

	private HikariPoolSettings(HikariDataSource hikari, String source) {
		this.hikari = hikari;
		this.source = source;
	}

	static PoolInspection inspect(DataSource dataSource) {
		HikariDataSource hikari = (HikariDataSource) dataSource;
		if (hikari.isRunning()) {
			return DataSourceInspector.alreadyOpen("HikariCP");
		}
		if (hikari.getDataSource() != null) {
			return new Unreadable("HikariCP dataSource", hikari.getDataSource().getClass().getName(),
					"the pool takes its connections from a DataSource of its own, whose URL and TLS settings "
							+ "secure-comms cannot read",
					NO_URL_FIX);
		}
		if (hikari.getDataSourceClassName() != null) {
			return fromDataSourceClass(hikari);
		}
		if (hikari.getJdbcUrl() == null) {
			return new Unreadable("HikariCP jdbcUrl", "(not set)", "the pool has no URL secure-comms can check",
					NO_URL_FIX);
		}
		return new Readable(new HikariPoolSettings(hikari, DEFAULT_SOURCE));
	}

	/**
	 * Builds the data source the way HikariCP will, and asks it for the URL it connects
	 * with. A pgjdbc data source's pool is then run from that URL, which the starter can
	 * upgrade, give trust and observe.
	 */
	private static PoolInspection fromDataSourceClass(HikariDataSource hikari) {
		String className = hikari.getDataSourceClassName();
		Object target;
		try {
			target = BeanUtils.instantiateClass(ClassUtils.forName(className, ClassUtils.getDefaultClassLoader()));
			PropertyElf.setTargetFromProperties(target, hikari.getDataSourceProperties());
		}
		catch (Exception | LinkageError ex) {
			return new Unreadable("HikariCP dataSourceClassName", className,
					"secure-comms cannot build it to read its settings (" + ex.getMessage() + ")", NO_URL_FIX);
		}
		if (hikari.getDriverClassName() != null) {
			// HikariCP refuses the two together; said here, before the URL (which may
			// hold a password) is quoted.
			return new Unreadable("HikariCP driverClassName", hikari.getDriverClassName(),
					"is set together with dataSourceClassName " + className + ", which HikariCP refuses",
					"set either dataSourceClassName or driverClassName (with a jdbcUrl), not both");
		}
		if (DataSourceInspector.is(target.getClass(), DataSourceInspector.PGJDBC)) {
			String url = new PgjdbcDataSourceSettings((DataSource) target).url();
			hikari.setDataSourceClassName(null);
			hikari.setJdbcUrl(url);
			// getUrl() carries every one of them; kept, they would reach the driver a
			// second time.
			hikari.getDataSourceProperties().clear();
			return new Readable(new HikariPoolSettings(hikari,
					"the pool's data source properties (spring.datasource.hikari.data-source-properties.*, from "
							+ "which " + className + " builds its URL), or give the pool a jdbcUrl"));
		}
		PoolInspection seen = DataSourceInspector.urlOnly("HikariCP dataSourceClassName", target.getClass(),
				PropertyAccessorFactory.forBeanPropertyAccess(target));
		if (seen instanceof UrlOnly) {
			return seen;
		}
		return new Unreadable("HikariCP dataSourceClassName", className,
				"the pool builds its connections from data source properties whose TLS settings secure-comms "
						+ "cannot read (it reads pgjdbc's data sources)",
				NO_URL_FIX);
	}

	@Override
	public @Nullable String url() {
		return this.hikari.getJdbcUrl();
	}

	@Override
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		this.hikari.getDataSourceProperties()
			.forEach((key, value) -> properties.put(key.toString(), String.valueOf(value)));
		return properties;
	}

	@Override
	public void setUrl(String url) {
		this.hikari.setJdbcUrl(url);
	}

	@Override
	public void addProperty(String name, String value) {
		this.hikari.addDataSourceProperty(name, value);
	}

	@Override
	public String source() {
		return this.source;
	}

	/**
	 * The pool's connections come from the driver through an {@link ObservedDataSource}.
	 */
	@Override
	public void observe(JdbcFailureObserver observer) {
		Properties driverProperties = new Properties();
		driverProperties.putAll(this.hikari.getDataSourceProperties());
		DataSource driver = new DriverDataSource(this.hikari.getJdbcUrl(), this.hikari.getDriverClassName(),
				driverProperties, this.hikari.getUsername(), this.hikari.getPassword());
		this.hikari.setDataSource(new ObservedDataSource(driver, observer));
	}

}
