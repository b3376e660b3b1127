package io.securecomms.jdbc;

import java.lang.reflect.Method;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.util.ReflectionUtils;

/**
 * pgjdbc's own data sources ({@code PGSimpleDataSource} and the others built on
 * {@code BaseDataSource}): they connect with the URL that {@code getUrl()} builds from
 * all their settings, so that URL is all there is to read. They take only pgjdbc's own
 * property names, so the registry key travels as {@code sslfactoryarg}, which pgjdbc
 * hands to the socket factory with the other connection properties.
 */
final class PgjdbcDataSourceSettings implements PoolSettings {

	static final String FACTORY_ARGUMENT = "sslfactoryarg";

	private final DataSource dataSource;

	private final BeanWrapper bean;

	PgjdbcDataSourceSettings(DataSource dataSource) {
		this.dataSource = dataSource;
		this.bean = PropertyAccessorFactory.forBeanPropertyAccess(dataSource);
	}

	@Override
	public @Nullable String url() {
		return (String) this.bean.getPropertyValue("url");
	}

	@Override
	public Map<String, String> properties() {
		return Map.of();
	}

	@Override
	public void setUrl(String url) {
		this.bean.setPropertyValue("url", url);
	}

	/** Parameter by parameter: {@code setUrl} would not replace what is already set. */
	@Override
	public void upgrade(JdbcTlsAssessment assessment) {
		assessment.added().forEach(this::addProperty);
		assessment.addedProperties().forEach(this::addProperty);
	}

	@Override
	public void addProperty(String name, String value) {
		String property = JdbcTlsRegistry.KEY_PROPERTY.equals(name) ? FACTORY_ARGUMENT : name;
		Method setter = ReflectionUtils.findMethod(this.dataSource.getClass(), "setProperty", String.class,
				String.class);
		if (setter == null) {
			throw new IllegalStateException("pgjdbc data source " + this.dataSource.getClass().getName()
					+ " has no setProperty(String, String)");
		}
		ReflectionUtils.invokeMethod(setter, this.dataSource, property, value);
	}

}
