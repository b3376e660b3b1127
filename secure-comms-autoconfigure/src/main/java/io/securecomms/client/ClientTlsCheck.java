package io.securecomms.client;

import java.util.ArrayList;
import java.util.List;

import io.securecomms.policy.Violation;
import io.securecomms.trust.TrustSettingsCheck;

import org.springframework.boot.ssl.SslBundles;

/**
 * Checks outbound settings before any client exists: something to trust, bundles that
 * exist, pins that are pins, server identities that can be read, targets with hosts.
 */
public final class ClientTlsCheck {

	static final String PREFIX = "secure.comms.client.";

	private final TrustSettingsCheck settings;

	public ClientTlsCheck(SslBundles bundles) {
		this.settings = new TrustSettingsCheck(bundles);
	}

	public List<Violation> check(OutboundTargets targets) {
		List<Violation> violations = new ArrayList<>(this.settings.check(PREFIX, targets.defaults()));
		if (!targets.defaults().hasTrust()) {
			violations.add(Violation.insecure(PREFIX + "trust-bundle", "(not set)",
					"HTTP clients have nothing to trust: no trust bundle and no JDK trust",
					"Name the SSL bundle whose truststore holds your backends' CAs or self-signed certificates in "
							+ PREFIX + "trust-bundle, or set " + PREFIX + "include-jdk-trust=true for public "
							+ "servers (report mode trusts the JDK's CAs meanwhile)"));
		}
		for (OutboundTargets.Target target : targets.targets()) {
			String prefix = PREFIX + "targets." + target.name() + ".";
			violations.addAll(this.settings.check(prefix, target.tls()));
			if (target.hosts().isEmpty()) {
				violations.add(Violation.invalid(prefix + "hosts", "[]", "the target matches no host",
						"List its host names (exact, or *.suffix) in " + prefix + "hosts"));
			}
		}
		return violations;
	}

}
