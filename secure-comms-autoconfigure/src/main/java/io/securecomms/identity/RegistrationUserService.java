package io.securecomms.identity;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.user.OAuth2User;

/**
 * Spring Security's {@link DefaultOAuth2UserService}, one per registration id, each
 * reading the user-info endpoint on the registration's hardened client
 * ({@code peer=<registration id>}). {@code OidcUserService} is given this one for its
 * user-info calls.
 */
public final class RegistrationUserService implements OAuth2UserService<OAuth2UserRequest, OAuth2User> {

	private final OAuth2ClientHttp http;

	private final Map<String, DefaultOAuth2UserService> byRegistration = new ConcurrentHashMap<>();

	public RegistrationUserService(OAuth2ClientHttp http) {
		this.http = http;
	}

	@Override
	public OAuth2User loadUser(OAuth2UserRequest userRequest) throws OAuth2AuthenticationException {
		return this.byRegistration.computeIfAbsent(userRequest.getClientRegistration().getRegistrationId(), (id) -> {
			DefaultOAuth2UserService service = new DefaultOAuth2UserService();
			service.setRestOperations(this.http.userInfoClient(id));
			return service;
		}).loadUser(userRequest);
	}

}
