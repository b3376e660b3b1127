package io.securecomms.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.securecomms.policy.Violation;

/**
 * The endpoints of Spring Security's OAuth2 client providers must be {@code https://}:
 * tokens, codes, client secrets and the provider's keys cross them. The calls themselves
 * run on the hardened client ({@link OAuth2ClientHttp}), which also refuses
 * {@code http://}; this check names the property at startup.
 */
public final class OAuth2ClientUriCheck {

	static final String PREFIX = "spring.security.oauth2.client.provider.";

	/**
	 * The provider properties (Boot 4's {@code OAuth2ClientProperties.Provider}) that
	 * hold an endpoint.
	 */
	static final List<String> URI_PROPERTIES = List.of("issuer-uri", "authorization-uri", "token-uri", "user-info-uri",
			"jwk-set-uri");

	/**
	 * @param providers each provider's properties by provider id, as bound from
	 * {@code spring.security.oauth2.client.provider}
	 */
	public List<Violation> check(Map<String, Map<String, String>> providers) {
		List<Violation> violations = new ArrayList<>();
		providers.forEach((id, properties) -> {
			for (String name : URI_PROPERTIES) {
				String uri = properties.get(name);
				if (uri != null && !uri.isBlank() && !uri.strip().toLowerCase(Locale.ROOT).startsWith("https://")) {
					String property = PREFIX + id + "." + name;
					violations.add(Violation.insecure(property, uri,
							"the OAuth2 client would reach provider '" + id + "' without TLS (not https://): "
									+ "codes, tokens or client credentials cross the network unencrypted",
							"use the provider's https:// URI in " + property));
				}
			}
		});
		return violations;
	}

}
