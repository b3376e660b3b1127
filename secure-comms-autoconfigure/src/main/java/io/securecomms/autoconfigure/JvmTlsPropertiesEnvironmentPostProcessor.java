package io.securecomms.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Sets the JVM-wide system properties some settings need. JSSE and the PKIX revocation checker read them once,
 * when first used, so they are set as early as Spring allows: before any bean (and so any SSL context) exists.
 * <ul>
 * <li>{@code secure.comms.server.ocsp-stapling=true}: {@code jdk.tls.server.enableStatusRequestExtension}.</li>
 * <li>{@code secure.comms.client.revocation} other than {@code off}: {@code com.sun.security.enableCRLDP}, so
 * that revocation checking falls back to a certificate's CRL distribution points when OCSP cannot answer.</li>
 * </ul>
 */
class JvmTlsPropertiesEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String OCSP_STAPLING = "jdk.tls.server.enableStatusRequestExtension";

	static final String CRL_DISTRIBUTION_POINTS = "com.sun.security.enableCRLDP";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("secure.comms.enabled", Boolean.class, true)) {
			return;
		}
		if (environment.getProperty("secure.comms.server.ocsp-stapling", Boolean.class, false)) {
			System.setProperty(OCSP_STAPLING, "true");
		}
		if (!"off".equalsIgnoreCase(environment.getProperty("secure.comms.client.revocation", "soft-fail"))) {
			System.setProperty(CRL_DISTRIBUTION_POINTS, "true");
		}
	}

}
