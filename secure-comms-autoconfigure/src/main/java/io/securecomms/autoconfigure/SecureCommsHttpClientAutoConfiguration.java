package io.securecomms.autoconfigure;

import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.core5.reactive.ReactiveResponseConsumer;

import io.securecomms.client.ClientBeanHardening;
import io.securecomms.client.ClientTlsCheck;
import io.securecomms.client.HardenedHttpClients;
import io.securecomms.client.HardenedHttpConnectors;
import io.securecomms.client.HttpClientCoverage;
import io.securecomms.client.OutboundTargets;
import io.securecomms.client.OutboundTls;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.util.function.SingletonSupplier;

/**
 * RestClient, RestTemplate and WebClient from Spring's builders run on Apache HttpClient
 * 5 with the TLS policy, configured trust, pins, revocation checking and handshake
 * observation; http:// is refused. So do the application's RestTemplate, RestClient and
 * WebClient beans and its own builder beans; the scope is logged once.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class,
		before = { ImperativeHttpClientAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class })
@ConditionalOnClass({ HttpClientBuilder.class, ClientHttpRequestFactoryBuilder.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsHttpClientAutoConfiguration {

	@Bean
	@Lazy
	OutboundTls secureCommsOutboundTls(SecureCommsProperties properties, TlsPolicy policy, PolicyViolations violations,
			HandshakeEvents events, SslBundles bundles) {
		OutboundTargets targets = properties.getClient().toTargets();
		violations.handle(new ClientTlsCheck(bundles).check(targets));
		return new OutboundTls(targets, properties.getClient().isAllowPlaintext(), policy, properties.getMode(),
				bundles, events);
	}

	@Bean
	HardenedHttpClients secureCommsHardenedHttpClients(ObjectProvider<OutboundTls> tls) {
		return new HardenedHttpClients(SingletonSupplier.of(tls::getObject));
	}

	@Bean
	HttpClientCoverage secureCommsHttpClientCoverage() {
		return new HttpClientCoverage();
	}

	@Bean
	SmartInitializingSingleton secureCommsHttpClientScopeLog(HttpClientCoverage coverage) {
		return coverage::logSummary;
	}

	@Bean
	static ClientBeanHardening secureCommsClientBeanHardening(ObjectProvider<HardenedHttpClients> clients,
			ObjectProvider<ClientHttpRequestFactoryBuilder<?>> builder, ObjectProvider<HttpClientSettings> settings,
			ObjectProvider<HttpClientCoverage> coverage, ObjectProvider<PolicyViolations> violations) {
		return ClientBeanHardening.imperative(clients::getObject, builder::getIfUnique,
				() -> settings.getIfAvailable(HttpClientSettings::defaults), coverage::getObject,
				violations::getObject);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ClientHttpConnectorBuilder.class, ReactiveResponseConsumer.class,
			reactor.core.publisher.Mono.class })
	static class WebClientConfiguration {

		@Bean
		HardenedHttpConnectors secureCommsHardenedHttpConnectors(ObjectProvider<OutboundTls> tls) {
			return new HardenedHttpConnectors(SingletonSupplier.of(tls::getObject));
		}

		@Bean
		@ConditionalOnClass(name = "org.springframework.web.reactive.function.client.WebClient")
		static ClientBeanHardening secureCommsWebClientBeanHardening(ObjectProvider<HardenedHttpConnectors> connectors,
				ObjectProvider<ClientHttpConnectorBuilder<?>> builder, ObjectProvider<HttpClientSettings> settings,
				ObjectProvider<HttpClientCoverage> coverage, ObjectProvider<PolicyViolations> violations) {
			return ClientBeanHardening.reactive(connectors::getObject, builder::getIfUnique,
					() -> settings.getIfAvailable(HttpClientSettings::defaults), coverage::getObject,
					violations::getObject);
		}

	}

}
