package io.securecomms.server;

import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;

/**
 * What hardening any embedded server needs, whichever it is (Tomcat, Reactor Netty, ...):
 * the policy, where violations go, where handshakes are reported, the HSTS policy, the
 * check of the server's SSL settings and the SSL bundles.
 *
 * @param bundles the application's SSL bundles, or {@code null} when there are none
 */
public record ServerHardening(TlsPolicy policy, PolicyViolations violations, HandshakeEvents events, HstsPolicy hsts,
		ServerTlsCheck check, @Nullable SslBundles bundles) {

	/**
	 * Checks the HSTS settings once (a violation in them stops startup in enforce mode)
	 * and builds the check of the server's SSL settings.
	 */
	public static ServerHardening of(TlsPolicy policy, PolicyViolations violations, HandshakeEvents events,
			HstsPolicy hsts, @Nullable SslBundles bundles) {
		violations.handle(hsts.violations());
		return new ServerHardening(policy, violations, events, hsts, new ServerTlsCheck(bundles), bundles);
	}

}
