package io.securecomms.server;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.testsupport.HttpsClient;
import io.securecomms.testsupport.ReactiveWhoAmISecurity;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.handler.DefaultWebFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On WebFlux (Reactor Netty) too, with Spring Security the client certificate's identity
 * is the request's principal; {@code secure.comms.server.x509-principal=false} leaves
 * X.509 authentication to the application.
 */
class ReactiveX509PrincipalIntegrationTests extends X509PrincipalContract {

	static final String JETTY_REACTIVE = "org.springframework.boot.jetty.autoconfigure.reactive.JettyReactiveWebServerAutoConfiguration";

	@TempDir
	static Path directory;

	static ServerPki pki;

	static RunningApp app;

	static RunningApp withoutX509Principal;

	@BeforeAll
	static void start() {
		pki = ServerPki.create(directory).withWorkloadClients();
		app = RunningApp.startReactive(List.of(ReactiveWhoAmISecurity.class), properties());
		List<String> off = properties();
		off.add("secure.comms.server.x509-principal=false");
		withoutX509Principal = RunningApp.startReactive(List.of(ReactiveWhoAmISecurity.class), off);
	}

	private static List<String> properties() {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(List.of("secure.comms.server.client-auth=want", "secure.comms.server.hsts.max-age=400d",
				"secure.comms.server.hsts.include-subdomains=false",
				// Reactor Netty serves in the runs that have Jetty on the class path too
				"spring.autoconfigure.exclude=" + JETTY_REACTIVE));
		return properties;
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
		if (withoutX509Principal != null) {
			withoutX509Principal.close();
		}
	}

	@Test
	void servedByReactorNetty() {
		assertThat(((WebServerApplicationContext) app.context()).getWebServer().getClass().getName()).contains("Netty");
		assertThat(app.context().getBeanNamesForType(NettyReactiveWebServerFactory.class)).isNotEmpty();
	}

	@Test
	void withoutNamesTheSubjectDnIsThePrincipal() throws Exception {
		assertThat(whoami(pki.clientWithCertificate())).isEqualTo("O=secure-comms tests,CN=test-client");
	}

	@Test
	void theAuthenticationCarriesTheNameAndNoAuthorities() throws Exception {
		HttpResponse<String> response = pki.client("spiffe").get("https://localhost:" + app.port() + "/authentication");

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("spiffe://example.org/ns/ops/sa/collector []");
	}

	@Test
	void springSecuritysOwnHstsWriterHasThePolicyValues() {
		// Reactor Netty's header comes first and Security's writer leaves it alone: ask
		// a chain from the application's ServerHttpSecurity directly.
		SecurityWebFilterChain chain = app.context().getBean(ServerHttpSecurity.class).build();
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("https://localhost/"));
		List<WebFilter> filters = chain.getWebFilters().collectList().block();
		new DefaultWebFilterChain((served) -> served.getResponse().setComplete(), filters).filter(exchange).block();

		assertThat(exchange.getResponse().getHeaders().get("Strict-Transport-Security"))
			.containsExactly("max-age=34560000");
	}

	@Test
	void turnedOffTheCertificateAuthenticatesNothing() throws Exception {
		HttpResponse<String> response = pki.client("spiffe")
			.get("https://localhost:" + withoutX509Principal.port() + "/whoami");

		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Override
	protected ServerPki pki() {
		return pki;
	}

	@Override
	protected int port() {
		return app.port();
	}

	@Override
	protected int unauthenticatedStatus() {
		return 401;
	}

	@Override
	protected String hstsHeader() {
		return "max-age=34560000";
	}

}
