package io.securecomms.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Adds the {@link TestPki} bundles to a test's environment, last (so anything the
 * application or the test sets wins), and points the server, and the application's
 * clients, at them where the test configured nothing:
 * <ul>
 * <li>{@code server.ssl.bundle} when no {@code server.ssl} key material is set (a
 * separate management port inherits it: secure-comms then requires the client certificate
 * there, checked against the bundle's truststore, the test CA);</li>
 * <li>{@code secure.comms.client.trust-bundle},
 * {@code secure.comms.client.identity-bundle} and {@code secure.comms.jdbc.trust-bundle}
 * when unset, so the application's (and Boot's test) clients trust the test server and
 * present the test client certificate to a management port that asks for one;</li>
 * <li>with {@code spring-boot-webtestclient} present and the server on the test bundle, a
 * {@link TestPkiWebTestClientCustomizer} so that {@code WebTestClient} trusts the test
 * CA.</li>
 * </ul>
 * {@code secure.comms.test.pki.enabled=false} switches it off.
 */
class TestPkiContextCustomizer implements ContextCustomizer {

	static final String ENABLED = "secure.comms.test.pki.enabled";

	static final String PROPERTY_SOURCE = "secureCommsTestPki";

	private static final String WEB_TEST_CLIENT_CUSTOMIZER = "org.springframework.boot.webtestclient.autoconfigure."
			+ "WebTestClientBuilderCustomizer";

	@Override
	public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration configuration) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.getProperty(ENABLED, Boolean.class, true)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE)) {
			return;
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, properties(environment)));
		if (ClassUtils.isPresent(WEB_TEST_CLIENT_CUSTOMIZER, context.getClassLoader())
				&& TestPki.SERVER_BUNDLE.equals(environment.getProperty("server.ssl.bundle"))) {
			TestPkiWebTestClientCustomizer customizer = new TestPkiWebTestClientCustomizer(context);
			context.getBeanFactory().registerSingleton(TestPkiWebTestClientCustomizer.BEAN_NAME, customizer);
		}
	}

	static Map<String, Object> properties(ConfigurableEnvironment environment) {
		Map<String, Object> properties = new LinkedHashMap<>(TestPki.get().bundleProperties());
		if (!hasAny(environment, "server.ssl.bundle", "server.ssl.key-store", "server.ssl.certificate")) {
			properties.put("server.ssl.bundle", TestPki.SERVER_BUNDLE);
		}
		putIfAbsent(environment, properties, "secure.comms.client.trust-bundle", TestPki.TRUST_BUNDLE);
		putIfAbsent(environment, properties, "secure.comms.client.identity-bundle", TestPki.CLIENT_BUNDLE);
		putIfAbsent(environment, properties, "secure.comms.jdbc.trust-bundle", TestPki.TRUST_BUNDLE);
		return properties;
	}

	private static void putIfAbsent(ConfigurableEnvironment environment, Map<String, Object> properties, String name,
			String value) {
		if (!environment.containsProperty(name)) {
			properties.put(name, value);
		}
	}

	private static boolean hasAny(ConfigurableEnvironment environment, String... names) {
		for (String name : names) {
			if (environment.containsProperty(name)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public boolean equals(Object other) {
		return (other != null) && other.getClass() == getClass();
	}

	@Override
	public int hashCode() {
		return getClass().hashCode();
	}

}
