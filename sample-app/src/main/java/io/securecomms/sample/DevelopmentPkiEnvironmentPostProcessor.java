package io.securecomms.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * <p>
 * The certificates name the development OCSP responder and CRL endpoint
 * ({@link DevelopmentRevocation}) on {@code sample.ocsp.port} and
 * {@code sample.crl.port}; a port of 0 is resolved here to a free one, since the
 * certificates must name it before anything listens. The ports used are
 * {@code sample.ocsp.resolved-port} and {@code sample.crl.resolved-port}.
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
		int[] ports = resolvePorts(
				environment.getProperty("sample.ocsp.port", Integer.class, DevelopmentPki.DEFAULT_OCSP_PORT),
				environment.getProperty("sample.crl.port", Integer.class, DevelopmentPki.DEFAULT_CRL_PORT));
		DevelopmentPki pki = new DevelopmentPki(Path.of(environment.getProperty("sample.pki.dir", DEFAULT_DIR)),
				DevelopmentPki.RevocationUrls.onLoopback(ports[0], ports[1]));
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
		bundle.put("sample.ocsp.resolved-port", ports[0]);
		bundle.put("sample.crl.resolved-port", ports[1]);
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, bundle));
	}

	/**
	 * The ports as configured, a 0 replaced by a free loopback port (both sockets held
	 * open together, so that the two differ).
	 */
	private static int[] resolvePorts(int... configured) {
		int[] ports = configured.clone();
		ServerSocket[] probes = new ServerSocket[ports.length];
		try {
			for (int i = 0; i < ports.length; i++) {
				if (ports[i] == 0) {
					probes[i] = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
					ports[i] = probes[i].getLocalPort();
				}
			}
			return ports;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port for the development revocation endpoints", ex);
		}
		finally {
			for (ServerSocket probe : probes) {
				if (probe != null) {
					try {
						probe.close();
					}
					catch (IOException ex) {
						// nothing listens there any more either way
					}
				}
			}
		}
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
