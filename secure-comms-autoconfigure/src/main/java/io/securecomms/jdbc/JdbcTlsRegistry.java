package io.securecomms.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a driver-instantiated socket factory finds its data source's
 * {@link JdbcTlsConnector}. Drivers create socket factories from a class name, so this
 * one piece of state is static; each entry is keyed by a name unique to its application
 * context and removed when that context closes.
 */
public final class JdbcTlsRegistry {

	/** The driver property that carries the key. */
	public static final String KEY_PROPERTY = "secureCommsTls";

	private static final Map<String, JdbcTlsConnector> CONNECTORS = new ConcurrentHashMap<>();

	private static final AtomicLong SEQUENCE = new AtomicLong();

	private JdbcTlsRegistry() {
	}

	public static String register(JdbcTlsConnector connector) {
		String key = connector.peer() + "-" + SEQUENCE.incrementAndGet();
		CONNECTORS.put(key, connector);
		return key;
	}

	public static void unregister(String key) {
		CONNECTORS.remove(key);
	}

	static JdbcTlsConnector lookup(String key) {
		JdbcTlsConnector connector = (key != null) ? CONNECTORS.get(key) : null;
		if (connector == null) {
			throw new IllegalStateException("secure-comms has no TLS settings for data source key '" + key
					+ "': the application context that configured it has closed, or the driver property " + KEY_PROPERTY
					+ " was copied to a connection the starter did not configure");
		}
		return connector;
	}

}
