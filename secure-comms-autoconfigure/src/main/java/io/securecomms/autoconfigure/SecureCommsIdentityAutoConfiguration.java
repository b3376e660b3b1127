package io.securecomms.autoconfigure;

import java.util.Map;

import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

import io.securecomms.client.OutboundTls;
import io.securecomms.identity.IdentityProviders;
import io.securecomms.identity.IdentityTls;
import io.securecomms.identity.OAuth2ClientHttp;
import io.securecomms.identity.RegistrationIdTokenDecoderFactory;
import io.securecomms.identity.RegistrationTokenResponseClient;
import io.securecomms.identity.RegistrationUserService;
import io.securecomms.identity.ResourceServerRestOperations;
import io.securecomms.identity.ResourceServerWebClient;
import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.policy.TlsPolicy;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.JwkSetUriReactiveJwtDecoderBuilderCustomizer;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.reactive.HttpComponentsClientHttpConnector;
import org.springframework.security.oauth2.client.endpoint.JwtBearerGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.OAuth2RefreshTokenGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.TokenExchangeGrantRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.core.user.OAuth2User;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.web.client.RestClient;

/**
 * Identity providers, on {@code channel=identity}. From the properties alone: every
 * OAuth2 resource server, OAuth2 client provider and SAML 2 relying party URI that is
 * {@code http://} is a violation naming its property, and each provider is listed in the
 * posture. On the hardened HttpClient 5: the resource server's {@code JwtDecoder}
 * (servlet and reactive, {@code peer=resource-server}) and the OAuth2 client's token,
 * user-info and ID token JWK set calls ({@code peer=<registration id>}), through the
 * beans Spring Security picks up, each only when the application defines none of its own.
 */
@AutoConfiguration(after = { SecureCommsAutoConfiguration.class, SecureCommsMiddlewareAutoConfiguration.class },
		beforeName = {
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
				"org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration" })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsIdentityAutoConfiguration {

	private static final Bindable<Map<String, Map<String, String>>> NESTED = Bindable
		.of(ResolvableType.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
				ResolvableType.forClassWithGenerics(Map.class, String.class, String.class)));

	/**
	 * Checked from the properties alone, whether or not the libraries are on the class
	 * path; each provider is recorded for the posture.
	 */
	@Bean
	IdentityProviders secureCommsIdentityProviders(Environment environment, SecureCommsProperties properties,
			MiddlewareConnections connections, ListableBeanFactory beans) {
		Binder binder = Binder.get(environment);
		IdentityProviders providers = new IdentityProviders(properties.getClient().toTargets(), connections);
		providers.resourceServer(
				binder.bind("spring.security.oauth2.resourceserver.jwt.issuer-uri", String.class).orElse(null),
				binder.bind("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", String.class).orElse(null),
				ApplicationBeans.named(beans, ApplicationBeans.RESOURCE_SERVER));
		providers.oauth2Client(binder.bind("spring.security.oauth2.client.registration", NESTED).orElse(Map.of()),
				binder.bind("spring.security.oauth2.client.provider", NESTED).orElse(Map.of()),
				ApplicationBeans.named(beans, ApplicationBeans.OAUTH2_CLIENT));
		providers.saml2(binder.bind("spring.security.saml2.relyingparty.registration", NESTED).orElse(Map.of()));
		return providers;
	}

	/**
	 * The identity providers' clients, one hardened outbound TLS per peer tag, created on
	 * first use (so that an application that never calls one is not asked for client
	 * trust).
	 */
	@Bean
	@ConditionalOnClass(HttpClientBuilder.class)
	IdentityTls secureCommsIdentityTls(SecureCommsProperties properties, TlsPolicy policy, SslBundles bundles,
			HandshakeEvents events) {
		return new IdentityTls(
				(peer) -> new OutboundTls(properties.getClient().toTargets(), properties.getClient().isAllowPlaintext(),
						policy, properties.getMode(), bundles, events, Channel.IDENTITY, peer));
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JwkSetUriJwtDecoderBuilderCustomizer.class, HttpClientBuilder.class,
			HttpComponentsClientHttpRequestFactory.class })
	static class ResourceServerConfiguration {

		@Bean
		JwkSetUriJwtDecoderBuilderCustomizer secureCommsResourceServerJwtDecoderCustomizer(IdentityTls tls) {
			return (builder) -> builder
				.restOperations(ResourceServerRestOperations.create(tls.forPeer(ResourceServerRestOperations.PEER)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(
			value = { JwkSetUriReactiveJwtDecoderBuilderCustomizer.class, HttpAsyncClientBuilder.class,
					HttpComponentsClientHttpConnector.class },
			name = "org.apache.hc.core5.reactive.ReactiveResponseConsumer")
	static class ReactiveResourceServerConfiguration {

		@Bean
		JwkSetUriReactiveJwtDecoderBuilderCustomizer secureCommsReactiveResourceServerJwtDecoderCustomizer(
				IdentityTls tls) {
			return (builder) -> builder
				.webClient(ResourceServerWebClient.create(tls.forPeer(ResourceServerRestOperations.PEER)));
		}

	}

	/**
	 * The OAuth2 client's own HTTP calls, as beans Spring Security picks up from the
	 * context: the token response clients (its {@code OAuth2AuthorizedClientManager} and
	 * {@code oauth2Login()}/{@code oauth2Client()}), the user services and the ID token
	 * decoder factory ({@code oauth2Login()}). Each steps aside for the application's own
	 * bean of the same type, whose HTTP client is then the application's.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ClientRegistration.class, RestClientClientCredentialsTokenResponseClient.class,
			RestClient.class, HttpClientBuilder.class, HttpComponentsClientHttpRequestFactory.class })
	static class OAuth2ClientConfiguration {

		@Bean
		OAuth2ClientHttp secureCommsOAuth2ClientHttp(IdentityTls tls) {
			return new OAuth2ClientHttp(tls);
		}

		@Bean
		@ConditionalOnMissingBean
		OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> secureCommsAuthorizationCodeTokenResponseClient(
				OAuth2ClientHttp http) {
			return RegistrationTokenResponseClient.authorizationCode(http);
		}

		@Bean
		@ConditionalOnMissingBean
		OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> secureCommsClientCredentialsTokenResponseClient(
				OAuth2ClientHttp http) {
			return RegistrationTokenResponseClient.clientCredentials(http);
		}

		@Bean
		@ConditionalOnMissingBean
		OAuth2AccessTokenResponseClient<OAuth2RefreshTokenGrantRequest> secureCommsRefreshTokenTokenResponseClient(
				OAuth2ClientHttp http) {
			return RegistrationTokenResponseClient.refreshToken(http);
		}

		@Bean
		@ConditionalOnMissingBean
		OAuth2AccessTokenResponseClient<JwtBearerGrantRequest> secureCommsJwtBearerTokenResponseClient(
				OAuth2ClientHttp http) {
			return RegistrationTokenResponseClient.jwtBearer(http);
		}

		@Bean
		@ConditionalOnMissingBean
		OAuth2AccessTokenResponseClient<TokenExchangeGrantRequest> secureCommsTokenExchangeTokenResponseClient(
				OAuth2ClientHttp http) {
			return RegistrationTokenResponseClient.tokenExchange(http);
		}

		@Bean
		@ConditionalOnMissingBean
		OAuth2UserService<OAuth2UserRequest, OAuth2User> secureCommsOAuth2UserService(OAuth2ClientHttp http) {
			return new RegistrationUserService(http);
		}

		@Bean
		@ConditionalOnMissingBean
		OAuth2UserService<OidcUserRequest, OidcUser> secureCommsOidcUserService(OAuth2ClientHttp http) {
			OidcUserService service = new OidcUserService();
			service.setOauth2UserService(new RegistrationUserService(http));
			return service;
		}

		@Bean
		@ConditionalOnMissingBean
		JwtDecoderFactory<ClientRegistration> secureCommsIdTokenDecoderFactory(OAuth2ClientHttp http) {
			return new RegistrationIdTokenDecoderFactory(http);
		}

	}

}
