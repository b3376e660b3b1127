package io.securecomms.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.autoconfigure.SecureCommsAutoConfiguration;
import io.securecomms.autoconfigure.SecureCommsReactorNettyAutoConfiguration;
import io.securecomms.autoconfigure.SecureCommsTomcatAutoConfiguration;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.server.netty.NettyHardening;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.reactive.context.AnnotationConfigReactiveWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A WebFlux application on Reactor Netty, started as its author would: without
 * {@code server.ssl} it stops with the message a Tomcat application gets; without the
 * starter it accepts what the starter refuses; with the starter and nothing else (no
 * Tomcat, actuator, Micrometer or Spring Security on the class path) it is hardened. Each
 * application here runs alone: Reactor Netty's event loops are shared by every server of
 * the JVM and closed with the last application that used them.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactorNettyServerIntegrationTests {

	@TempDir
	static Path directory;

	static ServerPki pki;

	@BeforeAll
	static void certificates() {
		pki = ServerPki.create(directory);
	}

	@Test
	void withoutServerSslStartupStopsWithTheMessageTomcatUsersGet(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start("secure.comms.mode=enforce"));

		assertThat(output)
			.contains("APPLICATION FAILED TO START", "server.ssl.bundle = '(not set)'",
					"the server port would listen on plaintext HTTP", "define an SSL bundle under spring.ssl.bundle.*",
					"bundle: server   # your bundle's name")
			.doesNotContain("does not cover Reactor Netty");
	}

	@Test
	void reportModeRunsPlaintextWithTheViolationCounted(CapturedOutput output) throws Exception {
		try (ConfigurableApplicationContext context = start("secure.comms.mode=report")) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/")).build(),
						HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).as("report mode lets it run as it was written").isEqualTo(200);
			assertThat(context.getBean(PolicyViolations.class).reported()).singleElement()
				.satisfies((violation) -> assertThat(violation.problem())
					.isEqualTo("the server port would listen on plaintext HTTP"));
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: server.ssl.bundle");
		}
	}

	@Test
	void aRedirectPortCannotBeHonouredAndSaysSo(CapturedOutput output) {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("secure.comms.server.http-redirect-port=0");

		assertThatException().isThrownBy(() -> RunningApp.startReactive(List.of(), properties).close());

		assertThat(output).contains("secure.comms.server.http-redirect-port = '0'", "Reactor Netty listens on one port",
				"Remove secure.comms.server.http-redirect-port");
	}

	@Test
	void withoutTheStarterTheSameJvmAndNettyAcceptCbcAndStaticRsa() {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("secure.comms.enabled=false");
		try (RunningApp baseline = RunningApp.startReactive(List.of(), properties)) {
			OpenSslClient.Result cbc = OpenSslClient.connect(baseline.port(), "-tls1_2", "-cipher",
					"ECDHE-RSA-AES128-SHA:@SECLEVEL=0");
			OpenSslClient.Result staticRsa = OpenSslClient.connect(baseline.port(), "-tls1_2", "-cipher",
					"AES128-GCM-SHA256:@SECLEVEL=0");

			assertThat(cbc.connected()).as(cbc.output()).isTrue();
			assertThat(staticRsa.connected()).as(staticRsa.output()).isTrue();
		}
	}

	@Test
	void http2IsNegotiatedOnThePolicyWithHsts() throws Exception {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("server.http2.enabled=true");
		try (RunningApp app = RunningApp.startReactive(List.of(), properties)) {
			HttpResponse<String> response = pki.client().get("https://localhost:" + app.port() + "/hello");
			OpenSslClient.Result cbc = OpenSslClient.connect(app.port(), "-tls1_2", "-cipher",
					"ECDHE-RSA-AES128-SHA:@SECLEVEL=0");

			assertThat(response.version()).as("ALPN chose h2").isEqualTo(HttpClient.Version.HTTP_2);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().allValues("Strict-Transport-Security"))
				.containsExactly("max-age=63072000; includeSubDomains");
			assertThat(cbc.connected()).as(cbc.output()).isFalse();
		}
	}

	@Test
	void withTheStarterAndNothingElseItIsHardened() {
		new ReactiveWebApplicationContextRunner(AnnotationConfigReactiveWebServerApplicationContext::new)
			.withClassLoader(new FilteredClassLoader("org.apache.catalina", "org.apache.tomcat",
					"org.springframework.boot.tomcat", "org.springframework.boot.actuate", "io.micrometer",
					"org.springframework.security"))
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class,
					NettyReactiveWebServerAutoConfiguration.class, SecureCommsAutoConfiguration.class,
					SecureCommsTomcatAutoConfiguration.class, SecureCommsReactorNettyAutoConfiguration.class))
			.withUserConfiguration(ReactiveApplication.class)
			.withPropertyValues(pki.serverSsl().toArray(String[]::new))
			.withPropertyValues("server.port=0")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(NettyHardening.class);
				int port = ((WebServerApplicationContext) context.getSourceApplicationContext()).getWebServer()
					.getPort();
				assertThat(OpenSslClient.connect(port, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA:@SECLEVEL=0")
					.connected()).isFalse();
				assertThat(
						OpenSslClient.connect(port, "-tls1_2", "-cipher", "AES128-GCM-SHA256:@SECLEVEL=0").connected())
					.isFalse();
				assertThat(OpenSslClient.connect(port, "-tls1_3").connected()).isTrue();
			});
	}

	private static ConfigurableApplicationContext start(String mode) {
		return new SpringApplicationBuilder(ReactiveApplication.class)
			.properties("spring.main.web-application-type=reactive", "server.port=0", "spring.main.banner-mode=off",
					mode)
			.run();
	}

	@SpringBootConfiguration
	@ImportAutoConfiguration({ SecureCommsAutoConfiguration.class, SecureCommsTomcatAutoConfiguration.class,
			SecureCommsReactorNettyAutoConfiguration.class, NettyReactiveWebServerAutoConfiguration.class })
	static class ReactiveApplication {

		@Bean
		HttpHandler httpHandler() {
			return (request, response) -> response.setComplete();
		}

	}

}
