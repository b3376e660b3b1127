package io.securecomms.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.securecomms.policy.Violation;

/**
 * The URLs of Spring Security's SAML 2 relying party must not be {@code http://}: the
 * asserting party's metadata (its signing keys) is fetched from one, and authentication
 * requests, assertions and logout messages travel through the others. Relative URLs and
 * Boot's {@code {baseUrl}} templates are the application's own (the server channel) and
 * pass, as do non-HTTP metadata locations ({@code classpath:}, {@code file:}). A check
 * from the properties only: the metadata fetch itself is not on the hardened client.
 */
public final class Saml2RelyingPartyUriCheck {

	static final String PREFIX = "spring.security.saml2.relyingparty.registration.";

	/**
	 * The properties of a registration (Boot 4's
	 * {@code Saml2RelyingPartyProperties.Registration}) that hold a URL.
	 */
	static final List<String> URI_PROPERTIES = List.of("assertingparty.metadata-uri", "assertingparty.singlesignon.url",
			"assertingparty.singlelogout.url", "assertingparty.singlelogout.response-url", "acs.location",
			"singlelogout.url", "singlelogout.response-url");

	/**
	 * @param registrations each registration's properties by registration id, as bound
	 * from {@code spring.security.saml2.relyingparty.registration} (nested names joined
	 * with dots)
	 */
	public List<Violation> check(Map<String, Map<String, String>> registrations) {
		List<Violation> violations = new ArrayList<>();
		registrations.forEach((id, properties) -> violations.addAll(check(id, properties)));
		return violations;
	}

	/** The violations of one registration. */
	public List<Violation> check(String id, Map<String, String> properties) {
		List<Violation> violations = new ArrayList<>();
		for (String name : URI_PROPERTIES) {
			String uri = properties.get(name);
			if (uri != null && uri.strip().toLowerCase(Locale.ROOT).startsWith("http://")) {
				String property = PREFIX + id + "." + name;
				violations.add(Violation
					.insecure(property, uri, name.equals("assertingparty.metadata-uri") ? "the SAML 2 relying party '"
							+ id + "' would fetch the asserting party's metadata (its signing "
							+ "keys) without TLS, so anyone on the path can substitute the keys assertions are verified with"
							: "SAML 2 messages of relying party '" + id + "' would travel without TLS (not https://)",
							"use an https:// URL in " + property));
			}
		}
		return violations;
	}

}
