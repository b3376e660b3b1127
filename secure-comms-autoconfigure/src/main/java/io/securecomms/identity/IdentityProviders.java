package io.securecomms.identity;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.securecomms.client.OutboundTargets;
import io.securecomms.metrics.Channel;
import io.securecomms.middleware.MiddlewareConnection;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.policy.Violation;
import io.securecomms.trust.ClientTls;
import org.jspecify.annotations.Nullable;

/**
 * Every identity provider the application configures (OAuth2 resource server, OAuth2
 * client providers, SAML 2 relying party registrations), judged from its properties and
 * recorded on {@code channel=identity} with the middleware connections, which list it in
 * the posture (its hosts, what it trusts, its status). An {@code http://} URI is always a
 * violation under the mode, whatever {@code secure.comms.middleware.require-tls} or
 * {@code plaintext-allowed} say.
 */
public final class IdentityProviders {

	static final String RESOURCE_SERVER = "spring.security.oauth2.resourceserver.jwt";

	static final String REGISTRATION = "spring.security.oauth2.client.registration.";

	private final OutboundTargets targets;

	private final MiddlewareConnections connections;

	/**
	 * @param targets the hardened client's settings per host, for what each provider's
	 * host is trusted with
	 */
	public IdentityProviders(OutboundTargets targets, MiddlewareConnections connections) {
		this.targets = targets;
		this.connections = connections;
	}

	/** The resource server's issuer and JWK set URIs (either may be {@code null}). */
	public void resourceServer(@Nullable String issuerUri, @Nullable String jwkSetUri) {
		resourceServer(issuerUri, jwkSetUri, List.of());
	}

	/**
	 * @param ownBeans the application's own beans that make the resource server's HTTP
	 * calls instead of the hardened client ({@code JwtDecoder bean 'x'}), named in the
	 * posture
	 */
	public void resourceServer(@Nullable String issuerUri, @Nullable String jwkSetUri, List<String> ownBeans) {
		Set<String> uris = new LinkedHashSet<>();
		put(uris, issuerUri);
		put(uris, jwkSetUri);
		if (uris.isEmpty()) {
			return;
		}
		record(ResourceServerRestOperations.PEER + " (" + RESOURCE_SERVER + ")" + own(ownBeans), uris, trust(uris),
				new ResourceServerUriCheck().check(issuerUri, jwkSetUri));
	}

	/**
	 * One entry per provider (its URIs' hosts, the registrations that use it), and one
	 * per registration of a provider Spring Security knows by name (Google, GitHub, ...)
	 * without provider properties.
	 * @param registrations each registration's properties by registration id
	 * @param providers each provider's properties by provider id
	 */
	public void oauth2Client(Map<String, Map<String, String>> registrations,
			Map<String, Map<String, String>> providers) {
		oauth2Client(registrations, providers, List.of());
	}

	/**
	 * @param ownBeans the application's own beans that make some of the OAuth2 client's
	 * HTTP calls instead of the hardened client
	 * ({@code OAuth2AccessTokenResponseClient<...> bean 'x'}), named in the posture
	 */
	public void oauth2Client(Map<String, Map<String, String>> registrations, Map<String, Map<String, String>> providers,
			List<String> ownBeans) {
		Map<String, List<String>> users = new TreeMap<>();
		new TreeMap<>(registrations).forEach((id, properties) -> users
			.computeIfAbsent(properties.getOrDefault("provider", id), (provider) -> new ArrayList<>())
			.add(id));
		OAuth2ClientUriCheck check = new OAuth2ClientUriCheck();
		new TreeMap<>(providers).forEach((id, properties) -> {
			Set<String> uris = new LinkedHashSet<>();
			OAuth2ClientUriCheck.URI_PROPERTIES.forEach((name) -> put(uris, properties.get(name)));
			List<String> using = users.getOrDefault(id, List.of());
			record(id + " (" + OAuth2ClientUriCheck.PREFIX + id + "; registrations "
					+ (using.isEmpty() ? "none" : String.join(", ", using)) + ")" + own(ownBeans), uris, trust(uris),
					check.check(Map.of(id, properties)));
		});
		users.forEach((provider, using) -> {
			if (!providers.containsKey(provider)) {
				using.forEach((id) -> record(id + " (" + REGISTRATION + id + ", Spring Security's built-in provider '"
						+ provider + "')" + own(ownBeans), Set.of(), trust(Set.of()), List.of()));
			}
		});
	}

	/**
	 * @param registrations each SAML 2 registration's properties by registration id
	 */
	public void saml2(Map<String, Map<String, String>> registrations) {
		Saml2RelyingPartyUriCheck check = new Saml2RelyingPartyUriCheck();
		new TreeMap<>(registrations).forEach((id, properties) -> {
			Set<String> uris = new LinkedHashSet<>();
			Saml2RelyingPartyUriCheck.URI_PROPERTIES.forEach((name) -> {
				String uri = properties.get(name);
				if (uri != null && uri.strip().toLowerCase(Locale.ROOT).startsWith("http")) {
					uris.add(uri);
				}
			});
			record(id + " (" + Saml2RelyingPartyUriCheck.PREFIX + id + ")", uris,
					"the JVM's default SSL context (the metadata fetch is not on the hardened client)",
					check.check(id, properties));
		});
	}

	private static String own(List<String> ownBeans) {
		return ownBeans.isEmpty() ? "" : "; on the application's own " + String.join(", ", ownBeans)
				+ ", whose HTTP client is the application's, not secure-comms'";
	}

	private void record(String client, Set<String> uris, String trust, List<Violation> weaknesses) {
		List<String> hosts = uris.stream().map(IdentityProviders::hostAndPort).distinct().toList();
		this.connections.checkRequired(new MiddlewareConnection(Channel.IDENTITY, client, hosts, trust, true),
				weaknesses);
	}

	/**
	 * What the hardened client trusts for these URIs' hosts, with the property that says
	 * so.
	 */
	private String trust(Set<String> uris) {
		Set<String> sources = new LinkedHashSet<>();
		for (String uri : uris) {
			URI parsed = parse(uri);
			if (parsed != null && parsed.getHost() != null) {
				OutboundTargets.Resolved resolved = this.targets.resolve(parsed.getHost(), port(parsed));
				sources.add(describe(resolved.tls(), resolved.targetName()));
			}
		}
		if (sources.isEmpty()) {
			sources.add(describe(this.targets.defaults(), null));
		}
		return String.join(", ", sources);
	}

	private String describe(ClientTls tls, @Nullable String target) {
		ClientTls own = this.targets.targets()
			.stream()
			.filter((candidate) -> candidate.name().equals(target))
			.map(OutboundTargets.Target::tls)
			.findFirst()
			.orElse(null);
		String prefix = "secure.comms.client.";
		String targetPrefix = prefix + "targets." + target + ".";
		String trust = (tls.trustBundle() != null) ? tls.trustBundle() + " ("
				+ ((own != null && own.trustBundle() != null) ? targetPrefix : prefix) + "trust-bundle)"
				: tls.includeJdkTrust() ? "the JDK's CA certificates" : "none";
		return tls.pins().isEmpty() ? trust
				: trust + ", pinned (" + ((own != null && !own.pins().isEmpty()) ? targetPrefix : prefix) + "pins)";
	}

	private static void put(Set<String> uris, @Nullable String uri) {
		if (uri != null && !uri.isBlank()) {
			uris.add(uri);
		}
	}

	/** {@code host:port} of a URI (never its user info, path or query). */
	static String hostAndPort(String uri) {
		URI parsed = parse(uri);
		return (parsed != null && parsed.getHost() != null) ? parsed.getHost() + ":" + port(parsed) : "unknown";
	}

	private static int port(URI uri) {
		return (uri.getPort() != -1) ? uri.getPort() : ("http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443);
	}

	private static @Nullable URI parse(String uri) {
		try {
			return URI.create(uri.strip());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
