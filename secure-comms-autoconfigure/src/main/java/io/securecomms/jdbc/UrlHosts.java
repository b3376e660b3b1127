package io.securecomms.jdbc;

import java.util.List;
import java.util.stream.Collectors;

import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcConnectionSettings.Source;

/**
 * Hosts that carry their own settings in a JDBC URL, as MySQL and MariaDB Connector/J
 * write them: {@code (host=db,port=3306,sslMode=...)} and
 * {@code address=(host=db)(port=3306)(sslMode=...)}.
 */
final class UrlHosts {

	private UrlHosts() {
	}

	/**
	 * @param text the settings without the outer parentheses: {@code host=db,port=3306}
	 * or {@code host=db)(port=3306}
	 * @param decode whether the driver URL-decodes names and values
	 */
	static Host of(String text, boolean address, boolean decode, String defaultPort) {
		String pairs = address ? text.replaceAll("\\)\\s*\\(", "\u0000") : text;
		List<Parameter> settings = JdbcConnectionSettings.pairs(pairs, address ? '\u0000' : ',', Source.HOST, null,
				decode, decode, true);
		String label = value(settings, "host", "localhost") + ":" + value(settings, "port", defaultPort);
		// Host and port are the address, not settings; a password there is never quoted.
		return new Host(label,
				settings.stream()
					.filter((p) -> !p.name().equalsIgnoreCase("host") && !p.name().equalsIgnoreCase("port"))
					.map((p) -> new Parameter(p.name(), p.value(), Source.HOST, label))
					.toList());
	}

	/** {@code address=(host=db)(port=3306)...}, starting at {@code address=}. */
	static Host address(String spec, boolean decode, String defaultPort) {
		String settings = spec.substring(spec.indexOf('=') + 1).trim().replaceAll("^\\(|\\)$", "");
		return of(settings, true, decode, defaultPort);
	}

	/** {@code user:password@host:port} as {@code host:port}, with no settings. */
	static Host plain(String spec, String defaultPort) {
		String host = spec.substring(spec.lastIndexOf('@') + 1).trim();
		boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
		return new Host(hasPort ? host : host + ":" + defaultPort, List.of());
	}

	static String labels(List<Host> hosts) {
		return hosts.stream().map(Host::label).collect(Collectors.joining(","));
	}

	private static String value(List<Parameter> settings, String name, String otherwise) {
		return settings.stream()
			.filter((p) -> p.name().equalsIgnoreCase(name))
			.map(Parameter::value)
			.reduce((first, last) -> last)
			.orElse(otherwise);
	}

	/**
	 * @param label {@code host:port}, for messages
	 * @param settings the host's own settings, each naming the host
	 */
	record Host(String label, List<Parameter> settings) {
	}

}
