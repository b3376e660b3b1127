package io.securecomms.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A data source's JDBC URL and the driver properties beside it. Parameters are looked up by name without
 * regard to case, in the URL first (drivers let the URL win) and then in the properties, so that a weakening
 * written {@code SSLMODE=disable} or passed as a property is found as surely as {@code sslmode=disable}.
 *
 * @param url the JDBC URL
 * @param properties the driver properties (never read for secrets)
 */
public record JdbcConnectionSettings(String url, Map<String, String> properties) {

	public JdbcConnectionSettings {
		properties = (properties != null) ? Map.copyOf(properties) : Map.of();
	}

	public static JdbcConnectionSettings of(String url) {
		return new JdbcConnectionSettings(url, Map.of());
	}

	/** The first of the names (aliases of one parameter) that is set, with its value. */
	public Optional<Parameter> find(char separator, String... names) {
		Map<String, String> inUrl = urlParameters(separator);
		for (String name : names) {
			Optional<Parameter> found = lookup(inUrl, name, true).or(() -> lookup(this.properties, name, false));
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	/** URL parameters after {@code ?} joined by {@code &} ({@code separator '&'}), or after the first {@code ;}. */
	Map<String, String> urlParameters(char separator) {
		Map<String, String> parameters = new LinkedHashMap<>();
		int start = this.url.indexOf((separator == '&') ? '?' : ';');
		if (start < 0) {
			return parameters;
		}
		for (String pair : this.url.substring(start + 1).split(String.valueOf(separator))) {
			int equals = pair.indexOf('=');
			if (!pair.isBlank()) {
				String key = (equals < 0) ? pair : pair.substring(0, equals);
				String value = (equals < 0) ? "" : pair.substring(equals + 1);
				parameters.put(key.trim(), (separator == '&') ? URLDecoder.decode(value, StandardCharsets.UTF_8) : value.trim());
			}
		}
		return parameters;
	}

	private static Optional<Parameter> lookup(Map<String, String> parameters, String name, boolean inUrl) {
		for (Map.Entry<String, String> entry : parameters.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(name)) {
				return Optional.of(new Parameter(entry.getKey(), entry.getValue(), inUrl));
			}
		}
		return Optional.empty();
	}

	/** The URL's scheme in lower case, {@code jdbc:postgresql:} for example. */
	String lowerCaseUrl() {
		return this.url.toLowerCase(Locale.ROOT);
	}

	/**
	 * @param name the name as written
	 * @param value the value as written
	 * @param inUrl whether it was found in the URL (else in the driver properties)
	 */
	public record Parameter(String name, String value, boolean inUrl) {

		public boolean is(String... values) {
			for (String candidate : values) {
				if (candidate.equalsIgnoreCase(this.value.trim())) {
					return true;
				}
			}
			return false;
		}

		/** Where it was written, for messages: {@code URL parameter sslmode}. */
		public String describe() {
			return (this.inUrl ? "URL parameter " : "driver property ") + this.name;
		}

	}

}
