package io.securecomms.client;

import java.util.ArrayList;
import java.util.List;

import io.securecomms.policy.Violation;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;

/**
 * Checks outbound settings before any client exists: something to trust, bundles that exist, pins that are
 * pins, targets with hosts.
 */
public final class ClientTlsCheck {

	static final String PREFIX = "secure.comms.client.";

	private final SslBundles bundles;

	public ClientTlsCheck(SslBundles bundles) {
		this.bundles = bundles;
	}

	public List<Violation> check(OutboundTargets targets) {
		List<Violation> violations = new ArrayList<>(check(PREFIX, targets.defaults()));
		if (!targets.defaults().hasTrust()) {
			violations.add(Violation.insecure(PREFIX + "trust-bundle", "(not set)",
					"HTTP clients have nothing to trust: no trust bundle and no JDK trust",
					"Name the SSL bundle whose truststore holds your backends' CAs or self-signed certificates in "
							+ PREFIX + "trust-bundle, or set " + PREFIX + "include-jdk-trust=true for public "
							+ "servers (report mode trusts the JDK's CAs meanwhile)"));
		}
		for (OutboundTargets.Target target : targets.targets()) {
			String prefix = PREFIX + "targets." + target.name() + ".";
			violations.addAll(check(prefix, target.tls()));
			if (target.hosts().isEmpty()) {
				violations.add(Violation.invalid(prefix + "hosts", "[]", "the target matches no host",
						"List its host names (exact, or *.suffix) in " + prefix + "hosts"));
			}
		}
		return violations;
	}

	private List<Violation> check(String prefix, ClientTls tls) {
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
		return violations;
	}

	private void checkBundle(String property, String name, boolean needsTrustStore, List<Violation> violations) {
		if (name == null) {
			return;
		}
		try {
			var bundle = this.bundles.getBundle(name);
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
			violations.add(Violation.invalid(property, name, "SSL bundle '" + name + "' cannot be loaded: "
					+ ex.getMessage(), "Check the files and passwords of spring.ssl.bundle.*." + name));
		}
	}

}
