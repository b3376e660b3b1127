package io.securecomms.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * The HTTP clients of Spring Security's OAuth2 client, one set per registration id (its
 * {@code peer} tag): a {@link RestClient} for the token endpoint and a
 * {@link RestTemplate} for the user-info endpoint and the ID token's JWK set, each on
 * Apache HttpClient 5 over the registration's {@link IdentityTls}. They are configured as
 * Spring Security configures its defaults (the token response converter and OAuth2 error
 * handler).
 */
public final class OAuth2ClientHttp {

	private final IdentityTls tls;

	private final Map<String, HttpComponentsClientHttpRequestFactory> factories = new ConcurrentHashMap<>();

	public OAuth2ClientHttp(IdentityTls tls) {
		this.tls = tls;
	}

	/**
	 * The token endpoint's client for a registration, as
	 * {@code AbstractRestClientOAuth2AccessTokenResponseClient} builds its own.
	 */
	public RestClient tokenClient(String registrationId) {
		return RestClient.builder()
			.requestFactory(requestFactory(registrationId))
			.configureMessageConverters((converters) -> {
				converters.addCustomConverter(new FormHttpMessageConverter());
				converters.addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter());
			})
			.defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
			.build();
	}

	/**
	 * The user-info endpoint's client for a registration, as
	 * {@code DefaultOAuth2UserService} builds its own.
	 */
	public RestTemplate userInfoClient(String registrationId) {
		RestTemplate restTemplate = new RestTemplate(requestFactory(registrationId));
		restTemplate.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		return restTemplate;
	}

	/** The client that fetches a registration's JWK set (to verify its ID tokens). */
	public RestTemplate jwkSetClient(String registrationId) {
		return new RestTemplate(requestFactory(registrationId));
	}

	private HttpComponentsClientHttpRequestFactory requestFactory(String registrationId) {
		return this.factories.computeIfAbsent(registrationId, (id) -> new HttpComponentsClientHttpRequestFactory(
				this.tls.forPeer(id).classicClientBuilder().build()));
	}

}
