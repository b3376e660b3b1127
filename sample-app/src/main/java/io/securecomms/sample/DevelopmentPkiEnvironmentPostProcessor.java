package io.securecomms.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes the sample run out of the box: unless {@code sample.pki.enabled=false}, ensures a
 * {@link DevelopmentPki} in {@code sample.pki.dir} (default {@code .secure-comms-dev-pki}
 * in the working directory) and defines the SSL bundles from it: {@code server} (the
 * HTTPS and management ports, trusting the CA for client certificates), {@code backends}
 * (the CA, trusted by the HTTP clients and JDBC), {@code sample-client} (the certificate
 * the application presents to the partner) and {@code partner} (the partner backend's
 * own). The properties have the lowest precedence, so application.yml, the environment or
 * the command line can replace any of them.
 */
class DevelopmentPkiEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "sampleDevelopmentPki";

	static final String DEFAULT_DIR = ".secure-comms-dev-pki";

	private static final String BUNDLES = "spring.ssl.bundle.pem.";

	private static final String BUNDLE = BUNDLES + "server.";

	private final Log logger;

	DevelopmentPkiEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(DevelopmentPkiEnvironmentPostProcessor.class);
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("sample.pki.enabled", Boolean.class, true)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		DevelopmentPki pki = new DevelopmentPki(Path.of(environment.getProperty("sample.pki.dir", DEFAULT_DIR)));
		try {
			pki.ensure();
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Could not create the development PKI in " + pki.dir(), ex);
		}
		this.logger.warn("Development PKI (for development only, never for production) in " + pki.dir());
		Map<String, Object> bundle = new LinkedHashMap<>();
		bundle.put(BUNDLE + "keystore.certificate", location(pki, DevelopmentPki.SERVER_CERTIFICATE));
		bundle.put(BUNDLE + "keystore.private-key", location(pki, DevelopmentPki.SERVER_KEY));
		bundle.put(BUNDLE + "truststore.certificate", location(pki, DevelopmentPki.CA_CERTIFICATE));
		bundle.put(BUNDLES + "backends.truststore.certificate", location(pki, DevelopmentPki.CA_CERTIFICATE));
		bundle.put(BUNDLES + "sample-client.keystore.certificate", location(pki, DevelopmentPki.CLIENT_CERTIFICATE));
		bundle.put(BUNDLES + "sample-client.keystore.private-key", location(pki, DevelopmentPki.CLIENT_KEY));
		bundle.put(BUNDLES + "partner.keystore.certificate", location(pki, DevelopmentPki.PARTNER_CERTIFICATE));
		bundle.put(BUNDLES + "partner.keystore.private-key", location(pki, DevelopmentPki.PARTNER_KEY));
		bundle.put(BUNDLES + "partner.truststore.certificate", location(pki, DevelopmentPki.CA_CERTIFICATE));
		bundle.put("sample.pki.resolved-dir", pki.dir().toString());
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, bundle));
	}

	private static String location(DevelopmentPki pki, String file) {
		return "file:" + pki.file(file);
	}

	/** After config data, so that {@code sample.pki.*} may come from application.yml. */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
