package io.securecomms.trust;

import java.util.ArrayList;
import java.util.List;

import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Checks one set of outbound trust settings before anything connects: bundles that exist
 * and hold what they are named for, pins that are pins, server identities that can be
 * read. Shared by every channel that connects out (HTTP clients, JDBC).
 */
public final class TrustSettingsCheck {

	private final SslBundles bundles;

	public TrustSettingsCheck(SslBundles bundles) {
		this.bundles = bundles;
	}

	/**
	 * @param prefix the properties' common prefix, ending with a dot
	 * ({@code secure.comms.jdbc.})
	 */
	public List<Violation> check(String prefix, ClientTls tls) {
		List<Violation> violations = new ArrayList<>();
		checkBundle(prefix + "trust-bundle", tls.trustBundle(), true, violations);
		checkBundle(prefix + "identity-bundle", tls.identityBundle(), false, violations);
		for (String pin : tls.pins()) {
			if (!SpkiPins.isWellFormed(pin)) {
				violations.add(Violation.invalid(prefix + "pins", pin,
						"not a pin: expected sha256/ and the base64 SHA-256 of the certificate's public key",
						"Compute it with: openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform der "
								+ "| openssl dgst -sha256 -binary | base64"));
			}
		}
		violations.addAll(tls.serverIdentities().violations());
		return violations;
	}

	private void checkBundle(String property, @Nullable String name, boolean needsTrustStore,
			List<Violation> violations) {
		if (name == null) {
			return;
		}
		try {
			SslBundle bundle = this.bundles.getBundle(name);
			if (needsTrustStore && bundle.getStores().getTrustStore() == null) {
				violations.add(Violation.invalid(property, name, "SSL bundle '" + name + "' has no truststore",
						"Add spring.ssl.bundle.*." + name + ".truststore with the certificates to trust"));
			}
			if (!needsTrustStore && bundle.getStores().getKeyStore() == null) {
				violations.add(Violation.invalid(property, name, "SSL bundle '" + name + "' has no keystore",
						"Add spring.ssl.bundle.*." + name + ".keystore with the client certificate and key"));
			}
		}
		catch (NoSuchSslBundleException ex) {
			violations.add(Violation.invalid(property, name, "there is no SSL bundle named '" + name + "'",
					"Define spring.ssl.bundle.jks." + name + " or spring.ssl.bundle.pem." + name));
		}
		catch (RuntimeException ex) {
			violations
				.add(Violation.invalid(property, name, "SSL bundle '" + name + "' cannot be loaded: " + ex.getMessage(),
						"Check the files and passwords of spring.ssl.bundle.*." + name));
		}
	}

}
