package io.securecomms.jdbc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.securecomms.jdbc.JdbcConnectionSettings.Names;
import io.securecomms.jdbc.JdbcConnectionSettings.Parameter;
import io.securecomms.jdbc.JdbcConnectionSettings.Resolution;
import io.securecomms.jdbc.JdbcTlsAssessment.Weakness;
import io.securecomms.jdbc.UrlHosts.Host;

/**
 * MariaDB Connector/J 3: {@code sslMode=verify-full} for every host.
 * <p>
 * Read as its {@code Configuration.parse} does: a host's own
 * {@code address=(host=db)(sslMode=...)} wins; otherwise the legacy {@code useSsl=true}
 * (with {@code trustServerCertificate} or {@code disableSslHostnameVerification})
 * decides, whatever {@code sslMode} says; otherwise {@code sslMode}, in any case but the
 * driver's own spelling first, the URL before the driver properties, the last duplicate
 * winning. The driver neither decodes nor trims query values. Without any of them the
 * driver connects in plaintext.
 */
final class MariaDbTlsRule extends UrlPrefixTlsRule {

	static final String DRIVER = "MariaDB (Connector/J)";

	private static final String FIX = "sslMode=verify-full";

	private static final Pattern ADDRESS = Pattern.compile("(?i)address=(?:\\([^)]*\\)\\s*)+");

	MariaDbTlsRule() {
		super(DRIVER, "jdbc:mariadb:");
	}

	/**
	 * The mode of hosts without their own, as the driver's configuration holds it
	 * ({@code disable} when nothing sets one), followed by each {@code address=(...)}
	 * host's own mode ({@code null} where it has none).
	 */
	static List<String> sslModes(JdbcConnectionSettings settings) {
		List<String> modes = new ArrayList<>();
		modes.add(globalMode(sources(settings), new LinkedHashSet<>()).orElse("disable"));
		for (Host host : hosts(settings.url())) {
			modes.add(JdbcConnectionSettings.resolve("sslMode", Names.ANY_CASE, List.of(host.settings()))
				.value()
				.map((mode) -> mode(mode.value()))
				.orElse(null));
		}
		return modes;
	}

	/** The URL before the driver properties. */
	private static List<List<Parameter>> sources(JdbcConnectionSettings settings) {
		return List.of(settings.queryParameters(false, false, false), settings.propertyParameters());
	}

	@Override
	public JdbcTlsAssessment assess(JdbcConnectionSettings settings) {
		List<List<Parameter>> sources = sources(settings);
		Set<Weakness> weaknesses = new LinkedHashSet<>();
		Optional<String> global = globalMode(sources, weaknesses);
		Set<String> verifications = new LinkedHashSet<>();
		global.ifPresent((mode) -> verifications.add("sslMode=" + mode));
		List<Host> hosts = hosts(settings.url());
		for (Host host : hosts) {
			JdbcConnectionSettings.resolve("sslMode", Names.ANY_CASE, List.of(host.settings()))
				.value()
				.ifPresent((mode) -> {
					String effective = mode(mode.value());
					verifications.add(mode.host() + " sslMode=" + effective);
					if (!"verify-full".equals(effective)) {
						weaknesses.add(new Weakness(mode.describe(), mode.value(), problem(effective), mode.fix(FIX)));
					}
				});
		}
		boolean upgrade = global.isEmpty();
		return JdbcTlsAssessment.of(DRIVER,
				hosts.isEmpty() ? DriverTlsRule.hostOf(settings.url()) : UrlHosts.labels(hosts), settings.url(), '&',
				verifications.isEmpty() ? FIX : String.join(", ", verifications), new ArrayList<>(weaknesses),
				upgrade ? Map.of("sslMode", "verify-full") : Map.of(), Map.of());
	}

	/**
	 * The mode of hosts without their own, or empty when nothing sets it (the driver's
	 * default: plaintext).
	 */
	private static Optional<String> globalMode(List<List<Parameter>> sources, Set<Weakness> weaknesses) {
		Optional<Parameter> useSsl = set(sources, "useSsl").or(() -> set(sources, "useSSL"));
		if (useSsl.isPresent()) {
			// The 2.x switches win over sslMode.
			Optional<Parameter> trust = set(sources, "trustServerCertificate");
			Optional<Parameter> noHostName = set(sources, "disableSslHostnameVerification");
			if (trust.isPresent()) {
				weaknesses.add(new Weakness(trust.get().describe(), trust.get().value(),
						"with " + useSsl.get().name()
								+ " makes MariaDB Connector/J use sslMode=trust, whatever sslMode says, which "
								+ problem("trust"),
						"remove " + trust.get().name() + " and " + useSsl.get().name() + ", and use " + FIX));
				return Optional.of("trust");
			}
			if (noHostName.isPresent()) {
				weaknesses.add(new Weakness(noHostName.get().describe(), noHostName.get().value(),
						"with " + useSsl.get().name() + " makes MariaDB Connector/J use sslMode=verify-ca, whatever "
								+ "sslMode says, which " + problem("verify-ca"),
						"remove " + noHostName.get().name() + " and " + useSsl.get().name() + ", and use " + FIX));
				return Optional.of("verify-ca");
			}
			return Optional.of("verify-full");
		}
		Resolution sslMode = JdbcConnectionSettings.resolve("sslMode", Names.ANY_CASE_EXACT_FIRST, sources);
		if (!sslMode.isCertain()) {
			weaknesses.add(DriverTlsRule.conflicting(sslMode, "MariaDB Connector/J", FIX));
		}
		return sslMode.value().map((mode) -> {
			String effective = mode(mode.value());
			if (!"verify-full".equals(effective)) {
				weaknesses.add(new Weakness(mode.describe(), mode.value(), problem(effective), mode.fix(FIX)));
			}
			return effective;
		});
	}

	/**
	 * A legacy switch that is on: its exact name, {@code true}, {@code 1} or empty, as
	 * the driver tests it.
	 */
	private static Optional<Parameter> set(List<List<Parameter>> sources, String name) {
		return JdbcConnectionSettings.resolve(name, Names.EXACT, sources)
			.value()
			.filter((on) -> on.value().equals("true") || on.value().equals("1") || on.value().isEmpty());
	}

	/**
	 * The driver's reading of a mode: any case, {@code _} for {@code -}, true/1 and
	 * false/0, empty as unset.
	 */
	static String mode(String value) {
		String mode = value.toLowerCase(Locale.ROOT).replace('_', '-');
		return switch (mode) {
			case "true", "1" -> "verify-full";
			case "false", "0", "" -> "disable";
			default -> mode;
		};
	}

	private static String problem(String mode) {
		return switch (mode) {
			case "disable" -> "turns TLS off: the connection crosses the network in plaintext";
			case "trust" -> "encrypts but trusts every certificate";
			case "verify-ca" -> "checks the certificate's CA but not the host name";
			default -> "is not a mode that verifies the server";
		};
	}

	/**
	 * Each {@code address=(host=...)(...)} host, its names and values trimmed as the
	 * driver does.
	 */
	private static List<Host> hosts(String url) {
		int query = url.indexOf('?');
		Matcher address = ADDRESS.matcher((query < 0) ? url : url.substring(0, query));
		List<Host> hosts = new ArrayList<>();
		while (address.find()) {
			hosts.add(UrlHosts.address(address.group(), false, "3306"));
		}
		return hosts;
	}

}
