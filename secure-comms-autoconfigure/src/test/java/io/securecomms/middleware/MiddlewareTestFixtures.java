package io.securecomms.middleware;

import java.util.List;

import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsProfile;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.RevocationMode;

import org.springframework.boot.ssl.DefaultSslBundleRegistry;

/** The shared pieces a middleware integration's unit test builds its rules on. */
final class MiddlewareTestFixtures {

	static final TlsPolicy POLICY = new TlsPolicy(TlsProfile.INTERMEDIATE, List.of("TLSv1.3", "TLSv1.2"),
			List.of("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), List.of("x25519"));

	private MiddlewareTestFixtures() {
	}

	/** Trusts the JDK's CAs: unit tests build contexts, they connect nowhere. */
	static MiddlewareTls tls() {
		return new MiddlewareTls(
				new ClientTls(null, true, null, List.of(), RevocationMode.OFF, IdentityPatterns.none()), POLICY,
				Mode.ENFORCE, new DefaultSslBundleRegistry(), new HandshakeEvents(List.of()));
	}

	/**
	 * Connections that stop startup ({@code ENFORCE}) or report a weakness, unless its
	 * channel is listed.
	 */
	static MiddlewareConnections connections(Mode mode, List<String> plaintextAllowed) {
		return new MiddlewareConnections(true, plaintextAllowed, new PolicyViolations(mode));
	}

}
