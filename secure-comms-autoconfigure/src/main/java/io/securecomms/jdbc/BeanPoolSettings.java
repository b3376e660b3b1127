package io.securecomms.jdbc;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeansException;
import org.springframework.util.ClassUtils;

/**
 * A pool that keeps its URL in a bean property and the properties its driver gets in a
 * {@link Properties} object: Commons DBCP2 ({@code connectionProperties}), Tomcat JDBC
 * ({@code dbProperties}) and Spring's driver-based data sources
 * ({@code connectionProperties}). Those that take a {@link Driver} instance (DBCP2,
 * {@code SimpleDriverDataSource}) get one that shows their failed connection attempts to
 * the meters; Tomcat JDBC, which takes a data source, gets an {@link ObservedDataSource}
 * over its own URL and properties.
 */
final class BeanPoolSettings implements PoolSettings {

	private static final Log logger = LogFactory.getLog(BeanPoolSettings.class);

	static final String DRIVER = "driver";

	static final String DATA_SOURCE = "dataSource";

	private final BeanWrapper bean;

	private final String urlProperty;

	private final Supplier<Properties> properties;

	private final String observedProperty;

	/**
	 * Driver properties in a bean property, which may be unset until the starter adds
	 * one.
	 * @param observedProperty where the pool takes a driver ({@link #DRIVER}) or data
	 * source ({@link #DATA_SOURCE})
	 */
	BeanPoolSettings(BeanWrapper bean, String urlProperty, String propertiesProperty, String observedProperty) {
		this(bean, urlProperty, () -> {
			if (bean.getPropertyValue(propertiesProperty) == null) {
				bean.setPropertyValue(propertiesProperty, new Properties());
			}
			return (Properties) bean.getPropertyValue(propertiesProperty);
		}, observedProperty);
	}

	/** Driver properties in the live object the pool hands its driver. */
	BeanPoolSettings(BeanWrapper bean, String urlProperty, Supplier<Properties> properties, String observedProperty) {
		this.bean = bean;
		this.urlProperty = urlProperty;
		this.properties = properties;
		this.observedProperty = observedProperty;
	}

	@Override
	public @Nullable String url() {
		return (String) this.bean.getPropertyValue(this.urlProperty);
	}

	@Override
	public Map<String, String> properties() {
		Map<String, String> properties = new LinkedHashMap<>();
		this.properties.get().forEach((key, value) -> properties.put(key.toString(), String.valueOf(value)));
		return properties;
	}

	@Override
	public void setUrl(String url) {
		this.bean.setPropertyValue(this.urlProperty, url);
	}

	@Override
	public void addProperty(String name, String value) {
		this.properties.get().setProperty(name, value);
	}

	@Override
	public void observe(JdbcFailureObserver observer) {
		if (!this.bean.isWritableProperty(this.observedProperty)) {
			return;
		}
		try {
			Driver own = this.bean.isReadableProperty(DRIVER) ? (Driver) this.bean.getPropertyValue(DRIVER) : null;
			Driver driver = (own != null) ? own : driver();
			this.bean.setPropertyValue(this.observedProperty,
					DRIVER.equals(this.observedProperty) ? new ObservedDriver(driver, observer)
							: new ObservedDataSource(new DriverConnectionSource(driver, url(), this.properties.get()),
									observer));
		}
		catch (SQLException | ReflectiveOperationException | BeansException | LinkageError ex) {
			// The pool will fail to find it too, and say so in its own words.
			logger.debug("secure-comms found no driver to observe for " + url(), ex);
		}
	}

	/**
	 * The driver the pool would pick itself: its driverClassName, else the one registered
	 * for the URL.
	 */
	private Driver driver() throws SQLException, ReflectiveOperationException {
		Object className = this.bean.isReadableProperty("driverClassName")
				? this.bean.getPropertyValue("driverClassName") : null;
		if (className instanceof String name && !name.isBlank()) {
			return (Driver) BeanUtils.instantiateClass(ClassUtils.forName(name, ClassUtils.getDefaultClassLoader()));
		}
		return DriverManager.getDriver(url());
	}

}
