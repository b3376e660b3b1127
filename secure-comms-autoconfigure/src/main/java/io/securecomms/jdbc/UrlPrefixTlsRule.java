package io.securecomms.jdbc;

import java.util.List;

/**
 * A rule for the URLs that start with one of its driver's prefixes.
 */
abstract class UrlPrefixTlsRule implements DriverTlsRule {

	private final String driver;

	private final List<String> prefixes;

	/**
	 * @param prefixes lower-case URL prefixes, {@code jdbc:postgresql:} for example
	 */
	UrlPrefixTlsRule(String driver, String... prefixes) {
		this.driver = driver;
		this.prefixes = List.of(prefixes);
	}

	@Override
	public final String driver() {
		return this.driver;
	}

	@Override
	public final boolean handles(JdbcConnectionSettings settings) {
		String url = settings.lowerCaseUrl();
		return this.prefixes.stream().anyMatch(url::startsWith);
	}

}
