package io.securecomms.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A pool's URL and driver properties as a {@link DataSource}, for a pool that takes a
 * data source but no driver instance (Tomcat JDBC): the starter puts an
 * {@link ObservedDataSource} over it, as under HikariCP. Connects exactly as the pool
 * would: the driver, the URL, the properties, and the user and password given.
 */
final class DriverConnectionSource implements DataSource {

	private final Driver driver;

	private final @Nullable String url;

	private final Properties properties;

	DriverConnectionSource(Driver driver, @Nullable String url, Properties properties) {
		this.driver = driver;
		this.url = url;
		this.properties = properties;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return connect(new Properties());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		Properties credentials = new Properties();
		if (username != null) {
			credentials.setProperty("user", username);
		}
		if (password != null) {
			credentials.setProperty("password", password);
		}
		return connect(credentials);
	}

	private Connection connect(Properties credentials) throws SQLException {
		Properties info = new Properties();
		info.putAll(this.properties);
		info.putAll(credentials);
		Connection connection = this.driver.connect(this.url, info);
		if (connection == null) {
			throw new SQLException("The driver " + this.driver.getClass().getName() + " does not accept the URL");
		}
		return connection;
	}

	@Override
	public @Nullable PrintWriter getLogWriter() {
		return null;
	}

	@Override
	public void setLogWriter(PrintWriter out) {
	}

	@Override
	public void setLoginTimeout(int seconds) {
	}

	@Override
	public int getLoginTimeout() {
		return 0;
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.driver.getParentLogger();
	}

	@Override
	public <T> T unwrap(Class<T> type) throws SQLException {
		if (type.isInstance(this)) {
			return type.cast(this);
		}
		throw new SQLException("Not a wrapper for " + type.getName());
	}

	@Override
	public boolean isWrapperFor(Class<?> type) {
		return type.isInstance(this);
	}

}
