package io.securecomms.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.springframework.security.oauth2.client.endpoint.AbstractOAuth2AuthorizationGrantRequest;
import org.springframework.security.oauth2.client.endpoint.AbstractRestClientOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientJwtBearerTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.RestClientTokenExchangeTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.TokenExchangeGrantRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

/**
 * Spring Security's own token response client for one grant type, one per registration
 * id, each sending on the registration's hardened client
 * ({@link OAuth2ClientHttp#tokenClient}), so that the token endpoint's handshakes are
 * counted under {@code peer=<registration id>}. The grant request names its registration.
 *
 * @param <T> the grant request
 */
public final class RegistrationTokenResponseClient<T extends AbstractOAuth2AuthorizationGrantRequest>
		implements OAuth2AccessTokenResponseClient<T> {

	private final OAuth2ClientHttp http;

	private final Supplier<AbstractRestClientOAuth2AccessTokenResponseClient<T>> delegates;

	private final Map<String, OAuth2AccessTokenResponseClient<T>> byRegistration = new ConcurrentHashMap<>();

	RegistrationTokenResponseClient(OAuth2ClientHttp http,
			Supplier<AbstractRestClientOAuth2AccessTokenResponseClient<T>> delegates) {
		this.http = http;
		this.delegates = delegates;
	}

	public static RegistrationTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> authorizationCode(
			OAuth2ClientHttp http) {
		return new RegistrationTokenResponseClient<>(http, RestClientAuthorizationCodeTokenResponseClient::new);
	}

	public static RegistrationTokenResponseClient<OAuth2ClientCredentialsGrantRequest> clientCredentials(
			OAuth2ClientHttp http) {
		return new RegistrationTokenResponseClient<>(http, RestClientClientCredentialsTokenResponseClient::new);
	}

	public static RegistrationTokenResponseClient<OAuth2RefreshTokenGrantRequest> refreshToken(OAuth2ClientHttp http) {
		return new RegistrationTokenResponseClient<>(http, RestClientRefreshTokenTokenResponseClient::new);
	}

	public static RegistrationTokenResponseClient<JwtBearerGrantRequest> jwtBearer(OAuth2ClientHttp http) {
		return new RegistrationTokenResponseClient<>(http, RestClientJwtBearerTokenResponseClient::new);
	}

	public static RegistrationTokenResponseClient<TokenExchangeGrantRequest> tokenExchange(OAuth2ClientHttp http) {
		return new RegistrationTokenResponseClient<>(http, RestClientTokenExchangeTokenResponseClient::new);
	}

	@Override
	public OAuth2AccessTokenResponse getTokenResponse(T grantRequest) {
		String registrationId = grantRequest.getClientRegistration().getRegistrationId();
		return this.byRegistration.computeIfAbsent(registrationId, (id) -> {
			AbstractRestClientOAuth2AccessTokenResponseClient<T> client = this.delegates.get();
			client.setRestClient(this.http.tokenClient(id));
			return client;
		}).getTokenResponse(grantRequest);
	}

}
