package io.securecomms.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.util.StringUtils;

/**
 * The decoders of OIDC ID tokens, as Spring Security's {@link OidcIdTokenDecoderFactory}
 * builds them (its default RS256, validators and claim converters), but fetching a
 * registration's JWK set on the registration's hardened client
 * ({@code peer=<registration id>}); {@code OidcIdTokenDecoderFactory} has no hook for the
 * HTTP client. Registrations without a JWK set URI (MAC-signed ID tokens) need no HTTP
 * and are left to {@code OidcIdTokenDecoderFactory}.
 */
public final class RegistrationIdTokenDecoderFactory implements JwtDecoderFactory<ClientRegistration> {

	private final OAuth2ClientHttp http;

	private final OidcIdTokenDecoderFactory withoutHttp = new OidcIdTokenDecoderFactory();

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	public RegistrationIdTokenDecoderFactory(OAuth2ClientHttp http) {
		this.http = http;
	}

	@Override
	public JwtDecoder createDecoder(ClientRegistration registration) {
		String jwkSetUri = registration.getProviderDetails().getJwkSetUri();
		if (!StringUtils.hasText(jwkSetUri)) {
			return this.withoutHttp.createDecoder(registration);
		}
		return this.decoders.computeIfAbsent(registration.getRegistrationId(), (id) -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri)
				.jwsAlgorithm(SignatureAlgorithm.RS256)
				.restOperations(this.http.jwkSetClient(id))
				.build();
			decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(new OidcIdTokenValidator(registration)));
			decoder.setClaimSetConverter(OidcIdTokenDecoderFactory.createDefaultClaimTypeConverter());
			return decoder;
		});
	}

}
