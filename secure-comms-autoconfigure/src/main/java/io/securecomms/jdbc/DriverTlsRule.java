package io.securecomms.jdbc;

/**
 * What verified TLS means for one JDBC driver: which URLs are its, which parameters turn verification off,
 * and what to add when the URL says nothing.
 */
interface DriverTlsRule {

	/** The driver in words, for messages: {@code PostgreSQL (pgjdbc)}. */
	String driver();

	boolean handles(JdbcConnectionSettings settings);

	JdbcTlsAssessment assess(JdbcConnectionSettings settings);

	/** The URL with one more query parameter. */
	static String withParameter(String url, char separator, String name, String value) {
		if (separator == ';') {
			return url + (url.endsWith(";") ? "" : ";") + name + "=" + value;
		}
		return url + (url.contains("?") ? "&" : "?") + name + "=" + value;
	}

	/** The host part between {@code //} and the next {@code /}, {@code ?} or {@code ;}. */
	static String hostOf(String url) {
		int start = url.indexOf("//");
		if (start < 0) {
			return null;
		}
		int end = start + 2;
		while (end < url.length() && "/?;".indexOf(url.charAt(end)) < 0) {
			end++;
		}
		String host = url.substring(start + 2, end);
		int at = host.lastIndexOf('@');
		return (at >= 0) ? host.substring(at + 1) : host;
	}

}
