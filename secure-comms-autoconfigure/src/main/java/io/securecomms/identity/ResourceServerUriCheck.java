package io.securecomms.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

/**
 * The URIs Spring Security's OAuth2 resource server fetches its keys from must be
 * {@code https://}: a JWK set or issuer metadata read in plaintext lets anyone on the
 * path substitute the keys every token is checked against.
 */
public final class ResourceServerUriCheck {

	/** Boot 4's {@code OAuth2ResourceServerProperties.Jwt#getIssuerUri()}. */
	public static final String ISSUER_URI = "spring.security.oauth2.resourceserver.jwt.issuer-uri";

	/** Boot 4's {@code OAuth2ResourceServerProperties.Jwt#getJwkSetUri()}. */
	public static final String JWK_SET_URI = "spring.security.oauth2.resourceserver.jwt.jwk-set-uri";

	/**
	 * @param issuerUri the issuer URI, or {@code null}
	 * @param jwkSetUri the JWK set URI, or {@code null}
	 */
	public List<Violation> check(@Nullable String issuerUri, @Nullable String jwkSetUri) {
		List<Violation> violations = new ArrayList<>();
		check(ISSUER_URI, issuerUri, "the issuer's metadata and JWK set", violations);
		check(JWK_SET_URI, jwkSetUri, "the JWK set", violations);
		return violations;
	}

	private void check(String property, @Nullable String uri, String what, List<Violation> violations) {
		if (uri == null || uri.isBlank() || uri.strip().toLowerCase(Locale.ROOT).startsWith("https://")) {
			return;
		}
		violations.add(Violation.insecure(property, uri,
				"the resource server would fetch " + what + " without TLS (not https://), so anyone on the path "
						+ "can substitute the keys that tokens are verified with",
				"use the identity provider's https:// URI in " + property));
	}

}
