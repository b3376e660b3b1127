package io.securecomms.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import io.securecomms.actuate.PostureReport;
import io.securecomms.actuate.SecureCommsEndpoint;
import io.securecomms.testsupport.HttpClients;
import io.securecomms.testsupport.PlainHttpServer;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

import static io.securecomms.client.OutboundHttpIntegrationTests.failures;
import static io.securecomms.client.OutboundHttpIntegrationTests.handshakes;
import static io.securecomms.client.OutboundHttpIntegrationTests.plaintextRefusals;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Clients the application built itself and declared as beans ({@code new RestTemplate()},
 * {@code RestClient.create()}, {@code WebClient.create()}), and builder beans of its own,
 * against a real plain HTTP server, an untrusted and a trusted TLS server on loopback.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClientBeansIntegrationTests {

	static final AtomicInteger intercepted = new AtomicInteger();

	static final AtomicInteger ownBuilderCustomizations = new AtomicInteger();

	@TempDir
	static Path directory;

	static TlsTestServer trusted;

	static TlsTestServer untrusted;

	static PlainHttpServer plain;

	static ConfigurableApplicationContext app;

	static ConfigurableApplicationContext ownBuilders;

	@BeforeAll
	static void start() {
		Authority ca = TestCertificates.rootCa("client beans CA");
		ca.writePem(directory, "ca");
		trusted = TlsTestServer.presenting(ca.issue(Spec.server("localhost"))).start();
		untrusted = TlsTestServer.presenting(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")))
			.start();
		plain = PlainHttpServer.start();
		app = start(List.of(), ClientBeansApplication.class);
		ownBuilders = start(List.of(), OwnBuildersApplication.class);
	}

	@AfterAll
	static void stop() {
		app.close();
		ownBuilders.close();
		trusted.close();
		untrusted.close();
		plain.close();
	}

	@Test
	void thePlainServerRecordsWhatReachesIt() throws Exception {
		long before = plain.connections();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(plain.url("/"))).build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.body()).isEqualTo("hello");
		assertThat(plain.connections()).isEqualTo(before + 1);
		assertThat(plain.bytesReceived()).isPositive();
	}

	@ParameterizedTest
	@EnumSource(ClientBeans.class)
	void plaintextIsRefusedBeforeTheServerSeesAByte(ClientBeans client) {
		assertPlaintextRefused(app, (context, url) -> client.get(context, url));
	}

	@ParameterizedTest
	@EnumSource(ClientBeans.class)
	void anUntrustedServerIsRefusedAndCounted(ClientBeans client) {
		assertUntrustedRefused(app, (context, url) -> client.get(context, url));
	}

	@ParameterizedTest
	@EnumSource(ClientBeans.class)
	void theTrustedServerAnswersOverAVerifiedHandshake(ClientBeans client) {
		assertTrustedServerAnswers(app, (context, url) -> client.get(context, url));
	}

	@Test
	void whatTheApplicationConfiguredIsKept() {
		int before = intercepted.get();

		assertThat(app.getBean("builtRestClient", RestClient.class).get().uri("/").retrieve().body(String.class))
			.isEqualTo("hello");
		assertThat(app.getBean("builtWebClient", WebClient.class)
			.get()
			.uri("/")
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(30))).isEqualTo("hello");
		assertThat(app.getBean("plainRestTemplate", RestTemplate.class).getForObject(trusted.url("/"), String.class))
			.isEqualTo("hello");

		assertThat(intercepted.get()).as("interceptors and filters of the three").isEqualTo(before + 3);
		assertThat(app.getBean(HttpClientCoverage.class).beans())
			.extracting(HttpClientCoverage.ClientBean::name, HttpClientCoverage.ClientBean::status)
			.contains(tuple("plainRestTemplate", HttpClientCoverage.Status.ADOPTED),
					tuple("createdRestClient", HttpClientCoverage.Status.ADOPTED),
					tuple("builtWebClient", HttpClientCoverage.Status.ADOPTED),
					tuple("fromTheBuilder", HttpClientCoverage.Status.HARDENED));
	}

	@ParameterizedTest
	@EnumSource(HttpClients.class)
	void builderBeansOfTheApplicationAreHardenedAndKeepTheirCustomizations(HttpClients client) {
		int before = ownBuilderCustomizations.get();

		assertPlaintextRefused(ownBuilders, client::get);
		assertUntrustedRefused(ownBuilders, client::get);
		assertTrustedServerAnswers(ownBuilders, client::get);

		assertThat(ownBuilderCustomizations.get()).as("the application's own customizer ran").isGreaterThan(before);
		assertThat(ownBuilders.getBean(HttpClientCoverage.class).beans())
			.extracting(HttpClientCoverage.ClientBean::name, HttpClientCoverage.ClientBean::status)
			.contains(tuple("ownRequestFactoryBuilder", HttpClientCoverage.Status.ADOPTED),
					tuple("ownConnectorBuilder", HttpClientCoverage.Status.ADOPTED));
	}

	@Test
	void aClientBeanOnAFactoryOfItsOwnStopsStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(List.of(), OwnFactoryApplication.class));

		assertThat(output).contains("RestTemplate bean 'ownFactory'", "JdkClientHttpRequestFactory",
				"its requests do not carry the TLS policy", "Build it from the injected RestTemplateBuilder");
	}

	@Test
	void reportModeShowsTheUncoveredBeanAndTheScope(CapturedOutput output) {
		int logged = output.getAll().length();
		try (ConfigurableApplicationContext context = start(
				List.of("secure.comms.mode=report", "management.endpoints.web.exposure.include=securecomms"),
				OwnFactoryApplication.class)) {
			PostureReport posture = context.getBean(SecureCommsEndpoint.class).posture();

			assertThat(posture.httpClients().beans()).anySatisfy((bean) -> {
				assertThat(bean.name()).isEqualTo("ownFactory");
				assertThat(bean.status()).isEqualTo("not_covered");
			});
			assertThat(posture.httpClients().notCovered()).anyMatch((path) -> path.contains("RestClient.create()"));
			assertThat(posture.checks()).anySatisfy((check) -> {
				assertThat(check.requirement()).endsWith("V12.3.1");
				assertThat(check.status()).isEqualTo("fail");
				assertThat(check.detail()).contains("RestTemplate bean 'ownFactory' runs on a factory of its own");
			});
			assertThat(posture.violations())
				.anyMatch((violation) -> violation.property().equals("RestTemplate bean 'ownFactory'"));
			assertThat(output.getAll().substring(logged))
				.containsOnlyOnce("secure-comms covers HTTP clients built from Spring Boot's builders")
				.contains("Not covered: clients created at call time");
		}
	}

	private static void assertPlaintextRefused(ConfigurableApplicationContext context,
			BiFunction<ApplicationContext, String, String> client) {
		String peer = "127.0.0.1:" + plain.port();
		double before = plaintextRefusals(context, peer);
		long connections = plain.connections();
		long bytes = plain.bytesReceived();

		assertThatException().isThrownBy(() -> client.apply(context, plain.url("/")))
			.withStackTraceContaining("refused a plaintext request to http://127.0.0.1:" + plain.port())
			.withStackTraceContaining("secure.comms.client.allow-plaintext");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(plaintextRefusals(context, peer)).isEqualTo(before + 1));
		assertThat(plain.connections()).as("connections the plain server accepted").isEqualTo(connections);
		assertThat(plain.bytesReceived()).isEqualTo(bytes);
	}

	private static void assertUntrustedRefused(ConfigurableApplicationContext context,
			BiFunction<ApplicationContext, String, String> client) {
		String peer = "localhost:" + untrusted.port();
		double before = failures(context, peer, "cert_untrusted");

		assertThatException().isThrownBy(() -> client.apply(context, untrusted.url("/")))
			.withStackTraceContaining("is not trusted");

		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(failures(context, peer, "cert_untrusted")).isEqualTo(before + 1));
	}

	private static void assertTrustedServerAnswers(ConfigurableApplicationContext context,
			BiFunction<ApplicationContext, String, String> client) {
		// Trusted only through secure.comms.client.trust-bundle: a client off the policy
		// fails PKIX here. The
		// connection may be pooled from an earlier test, so the handshake count need not
		// grow.
		assertThat(client.apply(context, trusted.url("/"))).isEqualTo("hello");

		assertThat(handshakes(context, "localhost:" + trusted.port())).isPositive();
	}

	private static ConfigurableApplicationContext start(List<String> extra, Class<?> application) {
		List<String> properties = new ArrayList<>(
				List.of("spring.main.web-application-type=none", "spring.main.banner-mode=off",
						"spring.ssl.bundle.pem.backends.truststore.certificate=file:" + directory.resolve("ca.crt"),
						"secure.comms.client.trust-bundle=backends", "secure.comms.client.revocation=off",
						"backend.url=" + trusted.url("")));
		properties.addAll(extra);
		return new SpringApplicationBuilder(application).properties(properties.toArray(String[]::new)).run();
	}

	/** The client beans under test, each making one GET. */
	enum ClientBeans {

		NEW_REST_TEMPLATE((context, url) -> context.getBean("plainRestTemplate", RestTemplate.class)
			.getForObject(url, String.class)),

		REST_CLIENT_CREATE((context, url) -> context.getBean("createdRestClient", RestClient.class)
			.get()
			.uri(url)
			.retrieve()
			.body(String.class)),

		REST_CLIENT_BUILDER((context, url) -> context.getBean("builtRestClient", RestClient.class)
			.get()
			.uri(url)
			.retrieve()
			.body(String.class)),

		WEB_CLIENT_CREATE((context, url) -> context.getBean("createdWebClient", WebClient.class)
			.get()
			.uri(url)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(30))),

		WEB_CLIENT_BUILDER((context, url) -> context.getBean("builtWebClient", WebClient.class)
			.get()
			.uri(url)
			.retrieve()
			.bodyToMono(String.class)
			.block(Duration.ofSeconds(30)));

		private final BiFunction<ApplicationContext, String, String> get;

		ClientBeans(BiFunction<ApplicationContext, String, String> get) {
			this.get = get;
		}

		String get(ApplicationContext context, String url) {
			return this.get.apply(context, url);
		}

	}

	/** Clients built the way many applications build them: without Boot's builders. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ClientBeansApplication {

		private static final ClientHttpRequestInterceptor counting = (request, body, execution) -> {
			intercepted.incrementAndGet();
			return execution.execute(request, body);
		};

		@Bean
		RestTemplate plainRestTemplate() {
			RestTemplate template = new RestTemplate();
			template.getInterceptors().add(counting);
			return template;
		}

		@Bean
		RestClient createdRestClient() {
			return RestClient.create();
		}

		@Bean
		RestClient builtRestClient(@Value("${backend.url}") String backend) {
			return RestClient.builder().baseUrl(backend).requestInterceptor(counting).build();
		}

		@Bean
		WebClient createdWebClient() {
			return WebClient.create();
		}

		@Bean
		WebClient builtWebClient(@Value("${backend.url}") String backend) {
			return WebClient.builder().baseUrl(backend).filter(ExchangeFilterFunction.ofRequestProcessor((request) -> {
				intercepted.incrementAndGet();
				return reactor.core.publisher.Mono.just(request);
			})).build();
		}

		@Bean
		RestClient fromTheBuilder(RestClient.Builder builder) {
			return builder.build();
		}

	}

	/** Builder beans of the application: Boot then skips every builder customizer. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OwnBuildersApplication {

		@Bean
		ClientHttpRequestFactoryBuilder<?> ownRequestFactoryBuilder() {
			return ClientHttpRequestFactoryBuilder.httpComponents()
				.withHttpClientCustomizer((client) -> ownBuilderCustomizations.incrementAndGet());
		}

		@Bean
		ClientHttpConnectorBuilder<?> ownConnectorBuilder() {
			return ClientHttpConnectorBuilder.httpComponents()
				.withHttpClientCustomizer((client) -> ownBuilderCustomizations.incrementAndGet());
		}

	}

	/** A client on a request factory the application chose: flagged, not replaced. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OwnFactoryApplication {

		@Bean
		RestTemplate ownFactory() {
			return new RestTemplate(new JdkClientHttpRequestFactory());
		}

	}

}
