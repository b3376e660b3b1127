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

import org.springframework.beans.BeanUtils;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeansException;
import org.springframework.util.ClassUtils;

/**
 * A pool that keeps its URL in a bean property and the properties its driver gets in a {@link Properties}
 * object: Commons DBCP2 ({@code connectionProperties}), Tomcat JDBC ({@code dbProperties}) and Spring's
 * driver-based data sources ({@code connectionProperties}). Those that take a {@link Driver} instance (DBCP2,
 * {@code SimpleDriverDataSource}) get one that shows their failed connection attempts to the meters.
 */
final class BeanPoolSettings implements PoolSettings {

	private static final Log logger = LogFactory.getLog(BeanPoolSettings.class);

	private static final String DRIVER = "driver";

	private final BeanWrapper bean;

	private final String urlProperty;

	private final Supplier<Properties> properties;

	/** Driver properties in a bean property, which may be unset until the starter adds one. */
	BeanPoolSettings(BeanWrapper bean, String urlProperty, String propertiesProperty) {
		this(bean, urlProperty, () -> {
			if (bean.getPropertyValue(propertiesProperty) == null) {
				bean.setPropertyValue(propertiesProperty, new Properties());
			}
			return (Properties) bean.getPropertyValue(propertiesProperty);
		});
	}

	/** Driver properties in the live object the pool hands its driver. */
	BeanPoolSettings(BeanWrapper bean, String urlProperty, Supplier<Properties> properties) {
		this.bean = bean;
		this.urlProperty = urlProperty;
		this.properties = properties;
	}

	@Override
	public String url() {
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
		if (!this.bean.isWritableProperty(DRIVER) || !this.bean.isReadableProperty(DRIVER)) {
			return;
		}
		try {
			Driver driver = (Driver) this.bean.getPropertyValue(DRIVER);
			this.bean.setPropertyValue(DRIVER, new ObservedDriver((driver != null) ? driver : driver(), observer));
		}
		catch (SQLException | ReflectiveOperationException | BeansException | LinkageError ex) {
			// The pool will fail to find it too, and say so in its own words.
			logger.debug("secure-comms found no driver to observe for " + url(), ex);
		}
	}

	/** The driver the pool would pick itself: its driverClassName, else the one registered for the URL. */
	private Driver driver() throws SQLException, ReflectiveOperationException {
		Object className = this.bean.isReadableProperty("driverClassName")
				? this.bean.getPropertyValue("driverClassName") : null;
		if (className instanceof String name && !name.isBlank()) {
			return (Driver) BeanUtils.instantiateClass(ClassUtils.forName(name, ClassUtils.getDefaultClassLoader()));
		}
		return DriverManager.getDriver(url());
	}

}
