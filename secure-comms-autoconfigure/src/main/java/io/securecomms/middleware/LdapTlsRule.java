package io.securecomms.middleware;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

/**
 * What keeps a Spring LDAP context source off verified TLS. TLS is on when every URL is
 * {@code ldaps://} (or JNDI's {@code java.naming.security.protocol} is {@code ssl}), or
 * when the URLs are {@code ldap://} and the context source authenticates through a
 * StartTLS strategy (Spring LDAP's {@code DefaultTlsDirContextAuthenticationStrategy}),
 * which fails the connection when StartTLS fails: StartTLS is then required, never
 * opportunistic.
 */
public final class LdapTlsRule {

	/** JNDI's socket factory class name. */
	public static final String SOCKET_FACTORY = "java.naming.ldap.factory.socket";

	/** The JDK's switch for the LDAPS host name check (a system property). */
	public static final String DISABLE_ENDPOINT_IDENTIFICATION = "com.sun.jndi.ldap.object.disableEndpointIdentification";

	static final String SECURITY_PROTOCOL = "java.naming.security.protocol";

	private static final String FIX_PLAINTEXT = "use ldaps:// URLs (port 636), or require StartTLS with a "
			+ "DefaultTlsDirContextAuthenticationStrategy bean";

	private final String starterSocketFactory;

	/**
	 * @param starterSocketFactory the class name of the starter's own JNDI socket factory
	 */
	public LdapTlsRule(String starterSocketFactory) {
		this.starterSocketFactory = starterSocketFactory;
	}

	/**
	 * @return what weakens the context source, each naming the property and the fix;
	 * empty when it uses verified TLS
	 */
	public List<Violation> weaknesses(LdapSettings settings) {
		List<Violation> weaknesses = new ArrayList<>();
		List<String> plaintext = settings.tls() ? List.of()
				: settings.urls().stream().filter((url) -> !"ldaps".equals(scheme(url))).toList();
		if (!plaintext.isEmpty()) {
			weaknesses.add(Violation.insecure(settings.urlsProperty(), String.join(",", plaintext),
					"connects to the directory in plaintext (ldap:// without StartTLS)", FIX_PLAINTEXT));
		}
		if (settings.startTls() && settings.urls().stream().anyMatch((url) -> "ldaps".equals(scheme(url)))) {
			weaknesses.add(Violation.insecure(settings.urlsProperty(), String.join(",", settings.urls()),
					"mixes ldaps:// with StartTLS, which cannot negotiate TLS twice",
					"use either ldaps:// URLs without the StartTLS strategy, or ldap:// URLs with it"));
		}
		String ownSocketFactory = ownSocketFactory(settings.environment());
		if (ownSocketFactory != null) {
			weaknesses
				.add(Violation.insecure(settings.environmentProperty() + "[" + SOCKET_FACTORY + "]", ownSocketFactory,
						"replaces the starter's socket factory: the TLS policy, its trust and its host name check are "
								+ "not applied",
						"remove it: the starter sets its own socket factory for ldaps:// URLs"));
		}
		Object disabled = settings.environment().get(DISABLE_ENDPOINT_IDENTIFICATION);
		if (disabled != null && disables(disabled.toString())) {
			weaknesses.add(disablesHostNameCheck(
					settings.environmentProperty() + "[" + DISABLE_ENDPOINT_IDENTIFICATION + "]", disabled.toString()));
		}
		if (settings.endpointIdentificationProperty() != null && disables(settings.endpointIdentificationProperty())) {
			weaknesses.add(disablesHostNameCheck("system property " + DISABLE_ENDPOINT_IDENTIFICATION,
					settings.endpointIdentificationProperty()));
		}
		if (settings.verifierAcceptsAnyHost()) {
			weaknesses.add(Violation.insecure("DefaultTlsDirContextAuthenticationStrategy hostnameVerifier",
					String.valueOf(settings.verifier()), "accepts a server certificate issued for any host",
					"remove setHostnameVerifier: the starter checks the server's host name"));
		}
		return weaknesses;
	}

	/** The directory's hosts as {@code host:port}, for the posture. */
	public static List<String> hosts(List<String> urls) {
		return urls.stream().map(LdapTlsRule::host).toList();
	}

	/**
	 * Whether the starter's socket factory carries the connections: TLS from the first
	 * byte (LDAPS).
	 */
	public static boolean ldaps(List<String> urls, Map<String, ?> environment) {
		return "ssl".equals(environment.get(SECURITY_PROTOCOL))
				|| (!urls.isEmpty() && urls.stream().allMatch((url) -> "ldaps".equals(scheme(url))));
	}

	/**
	 * The application's own JNDI socket factory class, or {@code null} when it sets none
	 * or the starter's.
	 */
	public @Nullable String ownSocketFactory(Map<String, ?> environment) {
		Object factory = environment.get(SOCKET_FACTORY);
		return (factory != null && !this.starterSocketFactory.equals(factory.toString())) ? factory.toString() : null;
	}

	private static Violation disablesHostNameCheck(String property, String value) {
		return Violation.insecure(property, value, "asks JNDI not to check the directory server's host name",
				"remove it: the host name must match the server's certificate");
	}

	/** As the JDK reads it: an empty value means true. */
	private static boolean disables(String value) {
		return value.isEmpty() || Boolean.parseBoolean(value);
	}

	private static String scheme(String url) {
		int colon = url.indexOf(':');
		return (colon > 0) ? url.substring(0, colon).trim().toLowerCase(Locale.ROOT) : "";
	}

	private static String host(String url) {
		try {
			URI uri = URI.create(url.trim());
			int port = (uri.getPort() != -1) ? uri.getPort() : ("ldaps".equals(scheme(url)) ? 636 : 389);
			return uri.getHost() + ":" + port;
		}
		catch (IllegalArgumentException ex) {
			return "unknown";
		}
	}

	/**
	 * One context source as the starter found it.
	 *
	 * @param urlsProperty the property its URLs come from ({@code spring.ldap.urls} for
	 * Boot's)
	 * @param environmentProperty the property its JNDI environment comes from
	 * ({@code spring.ldap.base-environment} for Boot's)
	 * @param urls its URLs
	 * @param environment its JNDI base environment
	 * @param startTls whether it authenticates through a StartTLS strategy
	 * @param verifier the class of the StartTLS strategy's own host name verifier, or
	 * {@code null}
	 * @param verifierAcceptsAnyHost whether that verifier accepted a host no certificate
	 * was shown for
	 * @param endpointIdentificationProperty the JVM's
	 * {@value #DISABLE_ENDPOINT_IDENTIFICATION} system property
	 */
	public record LdapSettings(String urlsProperty, String environmentProperty, List<String> urls,
			Map<String, ?> environment, boolean startTls, @Nullable String verifier, boolean verifierAcceptsAnyHost,
			@Nullable String endpointIdentificationProperty) {

		public LdapSettings {
			urls = List.copyOf(urls);
			environment = Map.copyOf(environment);
		}

		/** Whether its connections use TLS at all (verified or not). */
		public boolean tls() {
			return ldaps(this.urls, this.environment) || this.startTls;
		}

	}

}
