package io.securecomms.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.securecomms.trust.RevocationMode;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Sets the JVM-wide system properties some settings need. JSSE and the PKIX revocation
 * checker read them once, when first used, so they are set as early as Spring allows:
 * before any bean (and so any SSL context) exists.
 * <ul>
 * <li>{@code secure.comms.server.ocsp-stapling=true}:
 * {@code jdk.tls.server.enableStatusRequestExtension}.</li>
 * <li>any revocation setting other than {@code off}
 * ({@code secure.comms.client.revocation}, a target's, the JDBC one, the middleware one):
 * {@code com.sun.security.enableCRLDP}, so that revocation checking falls back to a
 * certificate's CRL distribution points when OCSP cannot answer. The property is
 * JVM-wide: one channel that checks revocation needs it.</li>
 * <li>always, unless set already: {@code jdk.tls.rejectClientInitiatedRenegotiation}, so
 * that the JDK answers a client's renegotiation with a fatal alert (the starter's server
 * engines refuse it in any case, but without an alert a scanner cannot tell the refusal
 * from a renegotiation in progress). It only concerns servers.</li>
 * </ul>
 */
class JvmTlsPropertiesEnvironmentPostProcessor implements EnvironmentPostProcessor {

	static final String OCSP_STAPLING = "jdk.tls.server.enableStatusRequestExtension";

	static final String CRL_DISTRIBUTION_POINTS = "com.sun.security.enableCRLDP";

	static final String REJECT_CLIENT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("secure.comms.enabled", Boolean.class, true)) {
			return;
		}
		if (environment.getProperty("secure.comms.server.ocsp-stapling", Boolean.class, false)) {
			System.setProperty(OCSP_STAPLING, "true");
		}
		if (checksRevocation(Binder.get(environment))) {
			System.setProperty(CRL_DISTRIBUTION_POINTS, "true");
		}
		if (System.getProperty(REJECT_CLIENT_RENEGOTIATION) == null) {
			System.setProperty(REJECT_CLIENT_RENEGOTIATION, "true");
		}
	}

	/**
	 * Whether any channel checks revocation, read with the defaults the properties
	 * themselves have.
	 */
	static boolean checksRevocation(Binder binder) {
		try {
			SecureCommsProperties.Client client = binder.bind("secure.comms.client", SecureCommsProperties.Client.class)
				.orElseGet(SecureCommsProperties.Client::new);
			SecureCommsProperties.Jdbc jdbc = binder.bind("secure.comms.jdbc", SecureCommsProperties.Jdbc.class)
				.orElseGet(SecureCommsProperties.Jdbc::new);
			List<RevocationMode> modes = new ArrayList<>(List.of(client.getRevocation(), jdbc.getRevocation()));
			client.getTargets().values().forEach((target) -> modes.add(target.getRevocation()));
			// Middleware channels default to the client's setting; one of their own
			// counts too.
			binder.bind("secure.comms.middleware.revocation", RevocationMode.class).ifBound(modes::add);
			return modes.stream().anyMatch((mode) -> mode != null && mode != RevocationMode.OFF);
		}
		catch (BindException ex) {
			// The bad value stops startup later with its own message; until then the safe
			// side is on.
			return true;
		}
	}

}
