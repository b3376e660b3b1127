package io.securecomms.autoconfigure;

import java.util.Map;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

import io.securecomms.client.OutboundTls;
import io.securecomms.identity.OAuth2ClientUriCheck;
import io.securecomms.identity.ResourceServerRestOperations;
import io.securecomms.identity.ResourceServerUriCheck;
import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * Identity providers. Spring Security's OAuth2 resource server: an {@code http://} issuer or JWK set URI is a
 * violation, and the {@code JwtDecoder} Boot builds (from either URI) fetches the issuer's metadata and the JWK set
 * with the hardened HttpClient 5, counted on {@code channel=identity}, {@code peer=resource-server}. The OAuth2
 * client's provider URIs are checked ({@code http://} is a violation), not yet put on the hardened client.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class, before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsIdentityAutoConfiguration {

	private static final Bindable<Map<String, Map<String, String>>> PROVIDERS = Bindable
		.of(ResolvableType.forClassWithGenerics(Map.class, ResolvableType.forClass(String.class),
				ResolvableType.forClassWithGenerics(Map.class, String.class, String.class)));

	/** Checked from the properties alone, whether or not the OAuth2 client is on the class path. */
	@Bean
	OAuth2ClientUriCheck secureCommsOAuth2ClientUriCheck(Environment environment, PolicyViolations violations) {
		OAuth2ClientUriCheck check = new OAuth2ClientUriCheck();
		violations.handle(check.check(
				Binder.get(environment).bind("spring.security.oauth2.client.provider", PROVIDERS).orElse(Map.of())));
		return check;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JwkSetUriJwtDecoderBuilderCustomizer.class, HttpClientBuilder.class,
			HttpComponentsClientHttpRequestFactory.class })
	static class ResourceServerConfiguration {

		@Bean
		JwkSetUriJwtDecoderBuilderCustomizer secureCommsResourceServerJwtDecoderCustomizer(Environment environment,
				SecureCommsProperties properties, TlsPolicy policy, PolicyViolations violations,
				HandshakeEvents events, SslBundles bundles) {
			Binder binder = Binder.get(environment);
			violations.handle(new ResourceServerUriCheck().check(
					binder.bind(ResourceServerUriCheck.ISSUER_URI, String.class).orElse(null),
					binder.bind(ResourceServerUriCheck.JWK_SET_URI, String.class).orElse(null)));
			// The client trust is read only when Boot builds a JwtDecoder (a URI is set), not in every application.
			return (builder) -> builder.restOperations(ResourceServerRestOperations.create(new OutboundTls(
					properties.getClient().toTargets(), properties.getClient().isAllowPlaintext(), policy,
					properties.getMode(), bundles, events, Channel.IDENTITY, ResourceServerRestOperations.PEER)));
		}

	}

}
