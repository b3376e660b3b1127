package io.securecomms.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A data source's JDBC URL and the driver properties beside it, and the means to read a
 * parameter the way one driver does: which sources it reads in which order, whether it
 * matches names in any case, and which of two duplicates wins. Each rule passes its
 * driver's order; the answer says which value is used and which spellings the driver
 * ignores, so that {@code sslMode=verify-full} is never taken for pgjdbc's
 * {@code sslmode}.
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

	/**
	 * The query parameters after the first {@code ?}, joined by {@code &}, in the order
	 * written (duplicates kept).
	 * @param decodeNames whether the driver URL-decodes names
	 * @param decodeValues whether the driver URL-decodes values
	 * @param trim whether the driver trims names and values
	 */
	List<Parameter> queryParameters(boolean decodeNames, boolean decodeValues, boolean trim) {
		int start = this.url.indexOf('?');
		return (start < 0) ? List.of()
				: pairs(this.url.substring(start + 1), '&', Source.URL, null, decodeNames, decodeValues, trim);
	}

	/**
	 * The driver properties, as parameters. Their order means nothing: drivers keep them
	 * in a hash table.
	 */
	List<Parameter> propertyParameters() {
		List<Parameter> parameters = new ArrayList<>();
		this.properties.forEach((name, value) -> parameters.add(new Parameter(name, value, Source.PROPERTY, null)));
		return parameters;
	}

	/**
	 * {@code name=value} pairs joined by {@code separator}; a pair without {@code =} has
	 * an empty value.
	 */
	static List<Parameter> pairs(String text, char separator, Source source, @Nullable String host, boolean decodeNames,
			boolean decodeValues, boolean trim) {
		List<Parameter> parameters = new ArrayList<>();
		for (String pair : text.split(java.util.regex.Pattern.quote(String.valueOf(separator)))) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			name = decodeNames ? decode(name) : name;
			value = decodeValues ? decode(value) : value;
			parameters.add(new Parameter(trim ? name.trim() : name, trim ? value.trim() : value, source, host));
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// The driver would fail on it as well; keep the text as written.
			return text;
		}
	}

	/**
	 * Reads {@code name} the way a driver does.
	 * @param names how the driver matches names
	 * @param sources the driver's sources, the one that wins first
	 */
	static Resolution resolve(String name, Names names, List<List<Parameter>> sources) {
		if (names == Names.ANY_CASE_EXACT_FIRST) {
			// MariaDB: the exact spelling from any source, before any other spelling from
			// any source.
			Resolution exact = resolve(name, Names.EXACT, sources);
			if (exact.value().isPresent()) {
				return exact;
			}
			List<Parameter> others = new ArrayList<>();
			sources.forEach(
					(source) -> source.stream().filter((p) -> p.name().equalsIgnoreCase(name)).forEach(others::add));
			return unordered(others);
		}
		List<Parameter> ignored = new ArrayList<>();
		if (names == Names.EXACT) {
			sources.forEach((source) -> source.stream()
				.filter((p) -> !p.name().equals(name) && p.name().equalsIgnoreCase(name))
				.forEach(ignored::add));
		}
		for (List<Parameter> source : sources) {
			List<Parameter> matching = source.stream()
				.filter((p) -> (names == Names.EXACT) ? p.name().equals(name) : p.name().equalsIgnoreCase(name))
				.toList();
			if (!matching.isEmpty()) {
				// In the URL the last duplicate wins; driver properties have no order, so
				// spellings that disagree
				// leave the value to a hash table's order.
				Resolution found = matching.get(0).source().isOrdered()
						? new Resolution(Optional.of(matching.get(matching.size() - 1)), List.of(), List.of())
						: unordered(matching);
				return new Resolution(found.value(), ignored, found.conflicting());
			}
		}
		return new Resolution(Optional.empty(), ignored, List.of());
	}

	/**
	 * Several spellings whose order the driver does not keep: one value if they agree,
	 * else a conflict.
	 */
	private static Resolution unordered(List<Parameter> candidates) {
		if (candidates.isEmpty()) {
			return new Resolution(Optional.empty(), List.of(), List.of());
		}
		// Within one spelling in the URL the last one wins; across spellings nothing is
		// certain.
		Map<String, Parameter> lastPerSpelling = new java.util.LinkedHashMap<>();
		candidates.forEach((p) -> lastPerSpelling.put(p.source() + "/" + p.name(), p));
		Set<String> values = new LinkedHashSet<>();
		lastPerSpelling.values().forEach((p) -> values.add(p.value().toLowerCase(Locale.ROOT)));
		Parameter last = candidates.get(candidates.size() - 1);
		if (values.size() == 1) {
			return new Resolution(Optional.of(last), List.of(), List.of());
		}
		return new Resolution(Optional.of(last), List.of(), List.copyOf(lastPerSpelling.values()));
	}

	/** The URL in lower case, to compare its scheme. */
	String lowerCaseUrl() {
		return this.url.toLowerCase(Locale.ROOT);
	}

	/** How a driver matches parameter names. */
	enum Names {

		/** Only the name exactly as the driver spells it (pgjdbc, MySQL Connector/J). */
		EXACT,

		/** Any case; within the URL the last duplicate wins (SQL Server). */
		ANY_CASE,

		/**
		 * Any case, but the driver's own spelling before any other (MariaDB Connector/J).
		 */
		ANY_CASE_EXACT_FIRST

	}

	/** Where a parameter was written. */
	public enum Source {

		URL("URL parameter"), HOST("per-host setting"), PROPERTY("driver property");

		private final String description;

		Source(String description) {
			this.description = description;
		}

		boolean isOrdered() {
			return this != PROPERTY;
		}

	}

	/**
	 * What a driver reads for one name.
	 *
	 * @param value the value the driver uses, if any
	 * @param ignored spellings of the name in another case, which the driver does not
	 * read
	 * @param conflicting spellings that disagree and whose winner the starter cannot know
	 * (empty when certain)
	 */
	record Resolution(Optional<Parameter> value, List<Parameter> ignored, List<Parameter> conflicting) {

		boolean isCertain() {
			return this.conflicting.isEmpty();
		}

	}

	/**
	 * @param name the name as written
	 * @param value the value as the driver reads it
	 * @param source where it was written
	 * @param host for a per-host setting, the host it belongs to
	 */
	public record Parameter(String name, String value, Source source, @Nullable String host) {

		public boolean is(String... values) {
			for (String candidate : values) {
				if (candidate.equalsIgnoreCase(this.value)) {
					return true;
				}
			}
			return false;
		}

		/** Where it was written, for messages: {@code URL parameter sslmode}. */
		public String describe() {
			return this.source.description + " " + this.name + ((this.host != null) ? " of host " + this.host : "");
		}

		/** The fix, said where it has to be written to win. */
		String fix(String setting) {
			return switch (this.source) {
				case URL -> setting;
				case PROPERTY -> setting + " (driver property " + this.name + " is what the driver uses: change it "
						+ "to that, or remove it and write the setting in the URL)";
				case HOST -> setting + " (the per-host setting " + this.name + " of host " + this.host
						+ " is what the driver uses for that host: change it to that, or remove it)";
			};
		}

	}

}
