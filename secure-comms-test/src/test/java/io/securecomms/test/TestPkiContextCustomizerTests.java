package io.securecomms.test;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the customizer adds to a test's environment, and what it leaves to the test.
 */
class TestPkiContextCustomizerTests {

	private final TestPkiContextCustomizerFactory factory = new TestPkiContextCustomizerFactory();

	@Test
	void everyTestContextGetsTheSameCustomizerSoTheContextCacheStillWorks() {
		ContextCustomizer one = this.factory.createContextCustomizer(TestPkiContextCustomizerTests.class, List.of());
		ContextCustomizer two = this.factory.createContextCustomizer(String.class, List.of());

		assertThat(one).isNotNull().isEqualTo(two).hasSameHashCodeAs(two);
	}

	@Test
	void annotationOptsOutIncludingNestedClasses() {
		assertThat(this.factory.createContextCustomizer(OptedOut.class, List.of())).isNull();
		assertThat(this.factory.createContextCustomizer(OptedOut.Inner.class, List.of())).isNull();
	}

	@Test
	void withNothingConfiguredTheServerAndTheClientsUseTheTestPki() {
		GenericApplicationContext context = customized(Map.of());

		assertThat(context.getEnvironment().getProperty("server.ssl.bundle")).isEqualTo(TestPki.SERVER_BUNDLE);
		assertThat(context.getEnvironment().getProperty("secure.comms.client.trust-bundle"))
			.isEqualTo(TestPki.TRUST_BUNDLE);
		assertThat(context.getEnvironment().getProperty("secure.comms.client.identity-bundle"))
			.isEqualTo(TestPki.CLIENT_BUNDLE);
		assertThat(context.getEnvironment().getProperty("secure.comms.jdbc.trust-bundle"))
			.isEqualTo(TestPki.TRUST_BUNDLE);
	}

	@Test
	void theServerCertificateNamesLocalhostAndIsIssuedByTheTestCa() throws Exception {
		GenericApplicationContext context = customized(Map.of());
		String chain = context.getEnvironment()
			.getProperty("spring.ssl.bundle.pem." + TestPki.SERVER_BUNDLE + ".keystore.certificate");

		List<X509Certificate> certificates = PemContent.of(chain).getCertificates();

		assertThat(certificates.get(0).getSubjectAlternativeNames().stream().map((name) -> (Object) name.get(1)))
			.containsExactlyInAnyOrder("localhost", "127.0.0.1", "0:0:0:0:0:0:0:1");
		certificates.get(0).verify(TestPki.get().ca().certificate().getPublicKey());
	}

	@Test
	void whatTheTestConfiguresWins() {
		GenericApplicationContext context = customized(Map.of("server.ssl.certificate", "classpath:mine.crt",
				"secure.comms.client.trust-bundle", "mine", "secure.comms.client.identity-bundle", "my-identity"));

		assertThat(context.getEnvironment().getProperty("server.ssl.bundle")).isNull();
		assertThat(context.getEnvironment().getProperty("secure.comms.client.trust-bundle")).isEqualTo("mine");
		assertThat(context.getEnvironment().getProperty("secure.comms.client.identity-bundle"))
			.isEqualTo("my-identity");
		// The bundles are still there, for a test that names them itself.
		assertThat(context.getEnvironment()
			.containsProperty("spring.ssl.bundle.pem." + TestPki.TRUST_BUNDLE + ".truststore.certificate")).isTrue();
	}

	@Test
	void propertyOptsOut() {
		GenericApplicationContext context = customized(Map.of("secure.comms.test.pki.enabled", "false"));

		assertThat(context.getEnvironment().getPropertySources().contains(TestPkiContextCustomizer.PROPERTY_SOURCE))
			.isFalse();
		assertThat(context.getEnvironment().getProperty("server.ssl.bundle")).isNull();
	}

	@Test
	void webTestClientTrustsTheTestCaWhenTheServerUsesTheTestBundle() {
		GenericApplicationContext context = customized(Map.of());

		assertThat(context.getBeanFactory().getSingleton(TestPkiWebTestClientCustomizer.BEAN_NAME))
			.isInstanceOf(TestPkiWebTestClientCustomizer.class);
	}

	@Test
	void webTestClientIsLeftAloneWhenTheTestConfiguresTheServersCertificate() {
		GenericApplicationContext context = customized(Map.of("server.ssl.bundle", "mine"));

		assertThat(context.getBeanFactory().containsSingleton(TestPkiWebTestClientCustomizer.BEAN_NAME)).isFalse();
	}

	private GenericApplicationContext customized(Map<String, Object> testProperties) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", testProperties));
		this.factory.createContextCustomizer(getClass(), List.of()).customizeContext(context, null);
		return context;
	}

	@DisableTestPki
	static class OptedOut {

		@Nested
		class Inner {

		}

	}

}
