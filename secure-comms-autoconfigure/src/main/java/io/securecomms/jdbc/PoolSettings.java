package io.securecomms.jdbc;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The URL and the driver properties one pool's connections get, read from the pool and
 * changed on it before it opens its first connection. One implementation per kind of pool
 * the starter knows.
 */
interface PoolSettings {

	/** Where a user changes these settings, for the fix of a violation. */
	String DEFAULT_SOURCE = "its JDBC URL (spring.datasource.url, or the JdbcConnectionDetails that supplies it)";

	@Nullable String url();

	/**
	 * The driver properties beside the URL, as the driver will get them (never logged:
	 * they may hold a password).
	 */
	Map<String, String> properties();

	void setUrl(String url);

	void addProperty(String name, String value);

	/** Where the user writes the setting a violation asks for. */
	default String source() {
		return DEFAULT_SOURCE;
	}

	/** Puts the upgraded URL and the added driver properties on the pool. */
	default void upgrade(JdbcTlsAssessment assessment) {
		setUrl(assessment.url());
		assessment.addedProperties().forEach(this::addProperty);
	}

	/**
	 * Shows every failed connection attempt to the observer, where the pool lets the
	 * starter in.
	 */
	default void observe(JdbcFailureObserver observer) {
	}

}
