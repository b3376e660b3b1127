package io.securecomms.client;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.testsupport.HttpClients;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.test.TlsTestServer;
import org.apache.hc.core5.util.VersionInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.HttpComponentsClientHttpConnector;
import org.springframework.util.ClassUtils;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * How the outbound settings behave as a whole: the client library, the version that
 * closes the async host name hole, missing trust, report mode, bounded peer tags.
 */
@ExtendWith(OutputCaptureExtension.class)
class OutboundSettingsIntegrationTests {

	@TempDir
	static Path directory;

	static Authority ca;

	@BeforeAll
	static void certificates() {
		ca = TestCertificates.rootCa("settings CA");
		ca.writePem(directory, "ca");
	}

	@Test
	void everyClientRunsOnHttpClient5EvenWithReactorNettyPresent() {
		try (ConfigurableApplicationContext app = start("secure.comms.client.trust-bundle=backends")) {
			assertThat(app.getBean(ClientHttpConnector.class)).isInstanceOf(HttpComponentsClientHttpConnector.class);
			assertThat(ClassUtils.isPresent("reactor.netty.http.client.HttpClient", null)).as("Reactor Netty present")
				.isTrue();
			RestClient client = app.getBean(RestClient.Builder.class).build();
			assertThat(client).extracting("clientRequestFactory")
				.isInstanceOf(HttpComponentsClientHttpRequestFactory.class);
		}
	}

	@Test
	void httpClientIsAtLeast564WhereAsyncHostNameVerificationWorks() {
		String release = VersionInfo.loadVersionInfo("org.apache.hc.client5", getClass().getClassLoader()).getRelease();
		List<Integer> parts = java.util.Arrays.stream(release.split("[.-]")).limit(3).map(Integer::valueOf).toList();
		assertThat(parts.get(0) * 10000 + parts.get(1) * 100 + parts.get(2)).as(release).isGreaterThanOrEqualTo(50604);
	}

	@Test
	void aClientWithNothingToTrustStopsStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(List.of(), BuildsAClientAtStartup.class));

		assertThat(output).contains("secure.comms.client.trust-bundle = '(not set)'",
				"HTTP clients have nothing to trust", "Name the SSL bundle whose truststore holds");
	}

	@Test
	void anApplicationThatBuildsNoClientIsNotAskedForClientTrust() {
		try (ConfigurableApplicationContext app = start(List.of(), TestApplication.class)) {
			assertThat(app.isRunning()).isTrue();
		}
	}

	@Test
	void aMissingBundleIsNamed(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> start(List.of("secure.comms.client.trust-bundle=nope"), BuildsAClientAtStartup.class));

		assertThat(output).contains("secure.comms.client.trust-bundle = 'nope'", "there is no SSL bundle named 'nope'");
	}

	@Test
	void reportModeLetsAWeakKeyThroughButNeverAnUntrustedCertificate(CapturedOutput output) {
		try (TlsTestServer weak = TlsTestServer.presenting(ca.issue(Spec.server("localhost").rsa(1024))).start();
				TlsTestServer untrusted = TlsTestServer
					.presenting(TestCertificates.rootCa("stranger").issue(Spec.server("localhost")))
					.start();
				ConfigurableApplicationContext app = start("secure.comms.mode=report",
						"secure.comms.client.trust-bundle=backends", "secure.comms.client.revocation=off")) {
			for (HttpClients client : HttpClients.values()) {
				assertThat(client.get(app, weak.url("/"))).isEqualTo("hello");
				assertThatException().isThrownBy(() -> client.get(app, untrusted.url("/")))
					.withStackTraceContaining("is not trusted");
			}
			assertThat(output).contains("reason=cert_untrusted", "RSA key of 1024 bits", "(allowed: report mode)");
		}
	}

	@Test
	void tenThousandRequestsToAThousandHostsKeepPeerTagsBounded() {
		try (ConfigurableApplicationContext app = start("secure.comms.client.trust-bundle=backends",
				"secure.comms.metrics.max-peers=100")) {
			RestClient client = app.getBean(RestClient.Builder.class).build();
			for (int i = 0; i < 10_000; i++) {
				try {
					client.get().uri("http://host" + (i % 1000) + ".invalid/").retrieve().toBodilessEntity();
				}
				catch (RuntimeException expected) {
					// refused: plaintext
				}
			}
			Collection<Meter> meters = app.getBean(MeterRegistry.class).find("secure.comms.plaintext.refused").meters();
			assertThat(meters.stream().map((meter) -> meter.getId().getTag("peer")).distinct()).hasSize(101)
				.contains("other");
			assertThat(meters.stream().mapToDouble((meter) -> meter.measure().iterator().next().getValue()).sum())
				.isEqualTo(10_000);
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return start(List.of(properties), TestApplication.class);
	}

	private static ConfigurableApplicationContext start(List<String> extra, Class<?> application) {
		List<String> properties = new ArrayList<>(
				List.of("spring.main.web-application-type=none", "spring.main.banner-mode=off",
						"spring.ssl.bundle.pem.backends.truststore.certificate=file:" + directory.resolve("ca.crt")));
		properties.addAll(extra);
		return new SpringApplicationBuilder(application).properties(properties.toArray(String[]::new)).run();
	}

	/** An application like most: it builds its client while starting. */
	@org.springframework.boot.SpringBootConfiguration
	@org.springframework.boot.autoconfigure.EnableAutoConfiguration
	static class BuildsAClientAtStartup {

		@org.springframework.context.annotation.Bean
		RestClient backend(RestClient.Builder builder) {
			return builder.baseUrl("https://backend.example").build();
		}

	}

}
