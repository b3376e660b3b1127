package io.securecomms.jdbc;

import java.util.List;
import java.util.stream.Collectors;

import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcConnectionSettings.Resolution;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;
import org.jspecify.annotations.Nullable;

/**
 * What verified TLS means for one JDBC driver: which URLs are its, which parameters turn
 * verification off, and what to add when the URL says nothing.
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

	/**
	 * The host part between {@code //} and the next {@code /}, {@code ?} or {@code ;}.
	 */
	static @Nullable String hostOf(String url) {
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

	/**
	 * A spelling the driver does not read: whatever it says, the driver uses
	 * {@code fallback}.
	 * @param name the name as the driver spells it
	 */
	static Weakness ignored(Parameter parameter, String driver, String name, String fallback, String fix) {
		return new Weakness(parameter.describe(), parameter.value(), "is ignored by " + driver + ", which reads only "
				+ name + " (names are case-sensitive), so it uses " + fallback, fix + " (written " + name + ")");
	}

	/**
	 * Spellings of one name that disagree, where the driver keeps no order between them.
	 */
	static Weakness conflicting(Resolution resolution, String driver, String fix) {
		List<Parameter> spellings = resolution.conflicting();
		return new Weakness(spellings.stream().map(Parameter::describe).collect(Collectors.joining(" and ")),
				spellings.stream().map(Parameter::value).collect(Collectors.joining(" / ")),
				"disagree, and " + driver + " reads names in any case without a fixed order between spellings, so "
						+ "which value it uses cannot be known",
				"write the parameter once, as " + fix);
	}

}
