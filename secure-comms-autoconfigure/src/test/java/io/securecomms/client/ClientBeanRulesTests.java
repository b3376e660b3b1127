package io.securecomms.client;

import java.util.ArrayList;
import java.util.List;

import io.securecomms.client.ClientBeanRule.Outcome;
import io.securecomms.client.HttpClientCoverage.Status;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.JvmTlsSupport;
import io.securecomms.policy.Mode;
import io.securecomms.policy.TlsPolicyResolver;
import io.securecomms.policy.TlsSettings;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.RevocationMode;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.ExchangeFunctions;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Which client beans are put on the hardened factory, which already are, and which are
 * flagged, decided on Spring's real client objects (the fields read from RestClient's and
 * WebClient's builders included), without a context. Plaintext is refused before any
 * network access, so no peer is needed here.
 */
class ClientBeanRulesTests {

	private final OutboundTls tls = new OutboundTls(
			new OutboundTargets(
					new ClientTls(null, true, null, List.of(), RevocationMode.OFF, IdentityPatterns.none()), List.of()),
			false,
			new TlsPolicyResolver(JvmTlsSupport.current())
				.resolve(new TlsSettings("intermediate", List.of(), List.of()), Mode.ENFORCE)
				.policy(),
			Mode.ENFORCE, new DefaultSslBundleRegistry(), new HandshakeEvents(List.of()));

	private final HardenedHttpClients clients = new HardenedHttpClients(() -> this.tls);

	private final HardenedHttpConnectors connectors = new HardenedHttpConnectors(() -> this.tls);

	private final ImperativeClientBeans imperative = new ImperativeClientBeans(() -> this.clients, () -> null,
			HttpClientSettings::defaults);

	private final ReactiveClientBeans reactive = new ReactiveClientBeans(() -> this.connectors, () -> null,
			HttpClientSettings::defaults);

	private final List<Object> created = new ArrayList<>();

	@Test
	void defaultClientsAreRebuiltOnTheHardenedFactoryAndRefusePlaintext() {
		Outcome template = this.imperative.apply(new RestTemplate(), this.created::add);
		Outcome restClient = this.imperative.apply(RestClient.create(), this.created::add);
		Outcome webClient = this.reactive.apply(WebClient.create(), this.created::add);
		Outcome fromTemplate = this.imperative.apply(RestClient.create(new RestTemplate()), this.created::add);

		assertThat(List.of(template.status(), restClient.status(), webClient.status(), fromTemplate.status()))
			.containsOnly(Status.ADOPTED);
		assertThat(this.created).as("one factory for the blocking clients, one connector").hasSize(2);
		assertThatException()
			.isThrownBy(() -> ((RestTemplate) template.bean()).getForObject("http://example.invalid/", String.class))
			.withStackTraceContaining("secure.comms.client.allow-plaintext");
		assertThatException()
			.isThrownBy(() -> ((RestClient) restClient.bean()).get()
				.uri("http://example.invalid/")
				.retrieve()
				.body(String.class))
			.withStackTraceContaining("secure.comms.client.allow-plaintext");
		assertThatException()
			.isThrownBy(() -> ((WebClient) webClient.bean()).get()
				.uri("http://example.invalid/")
				.retrieve()
				.bodyToMono(String.class)
				.block())
			.withStackTraceContaining("secure.comms.client.allow-plaintext");
	}

	@Test
	void aRebuiltClientIsSeenAsHardenedAndLeftAlone() {
		Object restClient = this.imperative
			.apply(RestClient.builder().baseUrl("https://api.example").build(), this.created::add)
			.bean();
		Object webClient = this.reactive.apply(WebClient.create(), this.created::add).bean();

		assertThat(this.imperative.apply(restClient, this.created::add).status()).isEqualTo(Status.HARDENED);
		assertThat(this.reactive.apply(webClient, this.created::add).status()).isEqualTo(Status.HARDENED);
		assertThat(this.created).hasSize(2);
	}

	@Test
	void clientsOnAFactoryOfTheirOwnAreFlaggedNotReplaced() {
		RestTemplate template = new RestTemplate(new JdkClientHttpRequestFactory());
		RestClient restClient = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory()).build();
		WebClient webClient = WebClient.builder().clientConnector(new ReactorClientHttpConnector()).build();
		WebClient exchange = WebClient.builder()
			.exchangeFunction(ExchangeFunctions.create(new ReactorClientHttpConnector()))
			.build();

		Outcome flagged = this.imperative.apply(template, this.created::add);
		assertThat(flagged.status()).isEqualTo(Status.NOT_COVERED);
		assertThat(flagged.bean()).isSameAs(template);
		assertThat(flagged.detail()).contains("JdkClientHttpRequestFactory");
		assertThat(flagged.fix()).contains("RestTemplateBuilder");
		assertThat(this.imperative.apply(restClient, this.created::add).detail())
			.contains("JdkClientHttpRequestFactory");
		assertThat(this.reactive.apply(webClient, this.created::add).detail()).contains("ReactorClientHttpConnector");
		assertThat(this.reactive.apply(exchange, this.created::add).detail()).contains("ExchangeFunction");
		assertThat(this.reactive.apply(new ReactorClientHttpConnector(), this.created::add).status())
			.isEqualTo(Status.NOT_COVERED);
		assertThat(this.created).isEmpty();
	}

	@Test
	void anApplicationBuilderIsHardenedOnceAndOtherBeansAreIgnored() {
		Outcome builder = this.imperative.apply(ClientHttpRequestFactoryBuilder.jdk(), this.created::add);
		Outcome connector = this.reactive.apply(ClientHttpConnectorBuilder.reactor(), this.created::add);

		assertThat(builder.status()).isEqualTo(Status.ADOPTED);
		assertThat(connector.status()).isEqualTo(Status.ADOPTED);
		assertThat(this.imperative.apply(builder.bean(), this.created::add).status()).isEqualTo(Status.HARDENED);
		assertThat(this.reactive.apply(connector.bean(), this.created::add).status()).isEqualTo(Status.HARDENED);
		assertThat(this.imperative.apply("not a client", this.created::add)).isNull();
		assertThat(this.reactive.apply(new RestTemplate(), this.created::add)).isNull();
	}

}
