package io.securecomms.jdbc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

import org.springframework.beans.BeanWrapper;

/**
 * A pool that keeps its URL in a bean property and the properties its driver gets in a {@link Properties}
 * object: Commons DBCP2 ({@code connectionProperties}), Tomcat JDBC ({@code dbProperties}) and Spring's
 * driver-based data sources ({@code connectionProperties}).
 */
final class BeanPoolSettings implements PoolSettings {

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

}
