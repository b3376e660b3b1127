package io.securecomms.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Turns on JSSE server-side OCSP stapling when {@code secure.comms.server.ocsp-stapling=true}. JSSE reads this
 * JVM-wide system property once, when TLS is first initialised, so it is set as early as Spring allows:
 * before any bean (and so before any SSL context) exists.
 */
class OcspStaplingEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String JSSE_PROPERTY = "jdk.tls.server.enableStatusRequestExtension";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		boolean enabled = environment.getProperty("secure.comms.enabled", Boolean.class, true)
				&& environment.getProperty("secure.comms.server.ocsp-stapling", Boolean.class, false);
		if (enabled) {
			System.setProperty(JSSE_PROPERTY, "true");
		}
	}

}
