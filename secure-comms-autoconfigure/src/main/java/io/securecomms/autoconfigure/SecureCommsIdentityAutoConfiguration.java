package io.securecomms.autoconfigure;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;

import io.securecomms.client.OutboundTls;
import io.securecomms.identity.ResourceServerRestOperations;
import io.securecomms.identity.ResourceServerUriCheck;
import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.JwkSetUriJwtDecoderBuilderCustomizer;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;

/**
 * Spring Security's OAuth2 resource server: an {@code http://} issuer or JWK set URI is a violation, and the
 * {@code JwtDecoder} Boot builds (from either URI) fetches the issuer's metadata and the JWK set with the hardened
 * HttpClient 5, counted on {@code channel=identity}, {@code peer=resource-server}.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class, before = OAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnClass({ JwkSetUriJwtDecoderBuilderCustomizer.class, HttpClientBuilder.class,
		HttpComponentsClientHttpRequestFactory.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsIdentityAutoConfiguration {

	@Bean
	JwkSetUriJwtDecoderBuilderCustomizer secureCommsResourceServerJwtDecoderCustomizer(Environment environment,
			SecureCommsProperties properties, TlsPolicy policy, PolicyViolations violations, HandshakeEvents events,
			SslBundles bundles) {
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
