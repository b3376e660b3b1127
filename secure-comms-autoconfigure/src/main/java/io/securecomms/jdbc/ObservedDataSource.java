package io.securecomms.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * The connection source under a pool: passes every new connection through and shows every
 * failed attempt to the {@link JdbcFailureObserver} before the pool sees it.
 */
final class ObservedDataSource implements DataSource {

	private final DataSource delegate;

	private final JdbcFailureObserver observer;

	ObservedDataSource(DataSource delegate, JdbcFailureObserver observer) {
		this.delegate = delegate;
		this.observer = observer;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return this.observer.attempt(this.delegate::getConnection);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return this.observer.attempt(() -> this.delegate.getConnection(username, password));
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.delegate.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		this.delegate.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.delegate.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.delegate.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.delegate.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		return type.isInstance(this.delegate) ? type.cast(this.delegate) : this.delegate.unwrap(type);
	}

	@Override
	public boolean isWrapperFor(Class<?> type) throws SQLException {
		return type.isInstance(this.delegate) || this.delegate.isWrapperFor(type);
	}

}
