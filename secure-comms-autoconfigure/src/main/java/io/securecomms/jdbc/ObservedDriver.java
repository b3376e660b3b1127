package io.securecomms.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The driver under a pool that takes a {@link Driver} instance (Commons DBCP2, Spring's
 * {@code SimpleDriverDataSource}): passes every connection through and shows every failed
 * attempt to the {@link JdbcFailureObserver}, as {@link ObservedDataSource} does under
 * HikariCP.
 */
final class ObservedDriver implements Driver {

	private final Driver delegate;

	private final JdbcFailureObserver observer;

	ObservedDriver(Driver delegate, JdbcFailureObserver observer) {
		this.delegate = delegate;
		this.observer = observer;
	}

	@Override
	public Connection connect(String url, Properties info) throws SQLException {
		return this.observer.attempt(() -> this.delegate.connect(url, info));
	}

	@Override
	public boolean acceptsURL(String url) throws SQLException {
		return this.delegate.acceptsURL(url);
	}

	@Override
	public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
		return this.delegate.getPropertyInfo(url, info);
	}

	@Override
	public int getMajorVersion() {
		return this.delegate.getMajorVersion();
	}

	@Override
	public int getMinorVersion() {
		return this.delegate.getMinorVersion();
	}

	@Override
	public boolean jdbcCompliant() {
		return this.delegate.jdbcCompliant();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.delegate.getParentLogger();
	}

}
