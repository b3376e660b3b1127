package io.securecomms.jdbc;

import java.util.Map;

import javax.sql.DataSource;

/**
 * What the starter can see of one {@link DataSource}: the settings of a pool it reads, an
 * in-process database, a wrapper around other data sources, a URL without the settings
 * its class adds, or nothing it can check.
 */
sealed interface PoolInspection {

	/** A pool whose URL and driver properties are read as the driver will get them. */
	record Readable(PoolSettings settings) implements PoolInspection {
	}

	/**
	 * Spring's {@code EmbeddedDatabase}: an in-process database, nothing goes over a
	 * network.
	 */
	record InProcess(String kind) implements PoolInspection {
	}

	/**
	 * Spring's delegating and routing data sources: the data sources they hand the
	 * connections of.
	 */
	record Wraps(Map<String, DataSource> targets) implements PoolInspection {
	}

	/**
	 * A class the starter does not know that shows its URL, but not the settings it may
	 * add to it.
	 *
	 * @param setting what names the class ({@code its class},
	 * {@code HikariCP dataSourceClassName})
	 * @param type the class
	 */
	record UrlOnly(String setting, String type, String url) implements PoolInspection {
	}

	/**
	 * A data source whose connection settings cannot be read with certainty.
	 *
	 * @param setting what makes it unreadable ({@code HikariCP dataSourceClassName})
	 * @param value its value (a class name, never a secret)
	 * @param problem why the starter cannot check it
	 * @param fix how to configure it instead
	 */
	record Unreadable(String setting, String value, String problem, String fix) implements PoolInspection {
	}

}
