package io.securecomms.jdbc;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import javax.sql.DataSource;

import io.securecomms.jdbc.PoolInspection.InProcess;
import io.securecomms.jdbc.PoolInspection.Readable;
import io.securecomms.jdbc.PoolInspection.Unreadable;
import io.securecomms.jdbc.PoolInspection.UrlOnly;
import io.securecomms.jdbc.PoolInspection.Wraps;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Tells what the starter can see of a {@link DataSource}. Pools are recognised by class
 * name, so that none of them (HikariCP included) has to be on the class path: HikariCP,
 * Commons DBCP2, Tomcat JDBC, Spring's
 * {@code DriverManagerDataSource}/{@code SimpleDriverDataSource}, pgjdbc's own data
 * sources, Spring's embedded databases and its delegating and routing wrappers.
 */
final class DataSourceInspector {

	static final String HIKARI = "com.zaxxer.hikari.HikariDataSource";

	static final String DBCP2 = "org.apache.commons.dbcp2.BasicDataSource";

	static final String TOMCAT = "org.apache.tomcat.jdbc.pool.DataSourceProxy";

	static final String SPRING_DRIVER_BASED = "org.springframework.jdbc.datasource.AbstractDriverBasedDataSource";

	static final String PGJDBC = "org.postgresql.ds.common.BaseDataSource";

	static final String EMBEDDED_DATABASE = "org.springframework.jdbc.datasource.embedded.EmbeddedDatabase";

	static final String DELEGATING = "org.springframework.jdbc.datasource.DelegatingDataSource";

	static final String ROUTING = "org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource";

	static final String READ_POOLS = "HikariCP with a jdbcUrl, Commons DBCP2, Tomcat JDBC, Spring's "
			+ "DriverManagerDataSource or SimpleDriverDataSource";

	private static final String[] URL_PROPERTIES = { "jdbcUrl", "url", "URL" };

	private DataSourceInspector() {
	}

	static PoolInspection inspect(DataSource dataSource) {
		Class<?> type = dataSource.getClass();
		BeanWrapper bean = PropertyAccessorFactory.forBeanPropertyAccess(dataSource);
		if (is(type, HIKARI)) {
			// Only here is HikariCP certainly on the class path.
			return HikariPoolSettings.inspect(dataSource);
		}
		if (is(type, EMBEDDED_DATABASE)) {
			return new InProcess("Spring EmbeddedDatabase");
		}
		if (is(type, DELEGATING)) {
			return new Wraps(
					Collections.singletonMap("target", (DataSource) bean.getPropertyValue("targetDataSource")));
		}
		if (is(type, ROUTING)) {
			return routing(bean);
		}
		if (is(type, DBCP2)) {
			return dbcp2(dataSource, bean);
		}
		if (is(type, TOMCAT)) {
			return tomcat(dataSource, bean);
		}
		if (is(type, SPRING_DRIVER_BASED)) {
			return new Readable(new BeanPoolSettings(bean, "url", "connectionProperties", BeanPoolSettings.DRIVER));
		}
		if (is(type, PGJDBC)) {
			return new Readable(new PgjdbcDataSourceSettings(dataSource));
		}
		return urlOnly("its class", type, bean);
	}

	/**
	 * A class the starter does not know: its URL at best, never the settings it may add.
	 */
	static PoolInspection urlOnly(String setting, Class<?> type, BeanWrapper bean) {
		for (String property : URL_PROPERTIES) {
			if (bean.isReadableProperty(property) && bean.getPropertyValue(property) instanceof String url) {
				return new UrlOnly(setting, type.getName(), url);
			}
		}
		return new Unreadable(setting, type.getName(),
				"shows no JDBC URL, so secure-comms cannot see where it connects or whether it uses verified TLS",
				"build it as a pool secure-comms reads (" + READ_POOLS + ") from a JDBC URL; only "
						+ "secure.comms.jdbc.require-tls=false leaves such a data source unchecked");
	}

	private static PoolInspection routing(BeanWrapper bean) {
		Map<String, DataSource> targets = new LinkedHashMap<>();
		if (bean.getPropertyValue("resolvedDataSources") instanceof Map<?, ?> resolved) {
			resolved.forEach((key, target) -> targets.put(String.valueOf(key), (DataSource) target));
		}
		if (bean.getPropertyValue("resolvedDefaultDataSource") instanceof DataSource fallback) {
			targets.put("default", fallback);
		}
		return new Wraps(targets);
	}

	private static PoolInspection dbcp2(DataSource dataSource, BeanWrapper bean) {
		if (bean.isReadableProperty("connectionFactoryClassName")
				&& bean.getPropertyValue("connectionFactoryClassName") instanceof String factory) {
			return new Unreadable("DBCP2 connectionFactoryClassName", factory,
					"the pool opens its connections through a factory of its own, whose settings secure-comms "
							+ "cannot read",
					"leave connectionFactoryClassName unset and give the pool its driver settings in the URL or "
							+ "connectionProperties");
		}
		if (isOpen(dataSource, "dataSource")) {
			return alreadyOpen("Commons DBCP2");
		}
		// DBCP2 has no public getter for the properties its driver gets.
		Method getter = ReflectionUtils.findMethod(dataSource.getClass(), "getConnectionProperties");
		if (getter == null || getter.getReturnType() != Properties.class) {
			return new Unreadable("its class", dataSource.getClass().getName(),
					"is a Commons DBCP2 version whose connection properties secure-comms cannot read",
					"use a Commons DBCP2 version managed by Spring Boot");
		}
		ReflectionUtils.makeAccessible(getter);
		return new Readable(new BeanPoolSettings(bean, "url",
				() -> (Properties) ReflectionUtils.invokeMethod(getter, dataSource), BeanPoolSettings.DRIVER));
	}

	private static PoolInspection tomcat(DataSource dataSource, BeanWrapper bean) {
		if (isOpen(dataSource, "pool")) {
			return alreadyOpen("Tomcat JDBC");
		}
		for (String wrapped : new String[] { "dataSource", "dataSourceJNDI" }) {
			Object value = bean.getPropertyValue(wrapped);
			if (value != null) {
				return new Unreadable("Tomcat JDBC " + wrapped,
						(value instanceof String name) ? name : value.getClass().getName(),
						"the pool takes its connections from a DataSource of its own, whose URL and TLS settings "
								+ "secure-comms cannot read",
						"give the pool a JDBC URL (spring.datasource.url) and its driver settings in dbProperties");
			}
		}
		return new Readable(new BeanPoolSettings(bean, "url", "dbProperties", BeanPoolSettings.DATA_SOURCE));
	}

	/**
	 * Whether the pool object in {@code field} exists: read as a field, since the getters
	 * create it.
	 */
	private static boolean isOpen(DataSource dataSource, String field) {
		Field pool = ReflectionUtils.findField(dataSource.getClass(), field);
		if (pool == null) {
			return false;
		}
		ReflectionUtils.makeAccessible(pool);
		return ReflectionUtils.getField(pool, dataSource) != null;
	}

	static Unreadable alreadyOpen(String pool) {
		return new Unreadable("its " + pool + " pool", "already open",
				"the pool opened connections before secure-comms could check its URL",
				"let the application context start the pool: open no connection in the method that creates the "
						+ "DataSource bean");
	}

	/**
	 * Whether {@code type} is, extends or implements the class named {@code name},
	 * without loading it.
	 */
	static boolean is(Class<?> type, String name) {
		for (Class<?> candidate = type; candidate != null; candidate = candidate.getSuperclass()) {
			if (candidate.getName().equals(name)) {
				return true;
			}
		}
		return ClassUtils.getAllInterfacesForClassAsSet(type)
			.stream()
			.anyMatch((candidate) -> candidate.getName().equals(name));
	}

}
