package io.securecomms.trust;

import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLParameters;

import io.securecomms.metrics.TlsParametersGuard;
import io.securecomms.policy.TlsPolicy;
import org.jspecify.annotations.Nullable;

/**
 * Narrows what a client library asks for to the policy: only the policy's protocols and
 * suites, in the policy's order, and never without a host name check. Libraries set their
 * own defaults on every engine or socket they get (Netty's cipher list, Kafka's
 * {@code ssl.enabled.protocols}); none of them may widen the policy.
 */
final class PolicyParametersGuard implements TlsParametersGuard {

	/** JSSE's name for the RFC 2818 host name check (the same rules as LDAPS). */
	static final String HOST_NAME_CHECK = "HTTPS";

	private final TlsPolicy policy;

	PolicyParametersGuard(TlsPolicy policy) {
		this.policy = policy;
	}

	@Override
	public String[] protocols(String @Nullable [] requested) {
		return narrowed(this.policy.protocols(), requested);
	}

	@Override
	public String[] cipherSuites(String @Nullable [] requested) {
		return narrowed(this.policy.cipherSuites(), requested);
	}

	@Override
	public SSLParameters parameters(SSLParameters requested) {
		requested.setProtocols(protocols(requested.getProtocols()));
		requested.setCipherSuites(cipherSuites(requested.getCipherSuites()));
		String check = requested.getEndpointIdentificationAlgorithm();
		if (check == null || check.isEmpty()) {
			requested.setEndpointIdentificationAlgorithm(HOST_NAME_CHECK);
		}
		return requested;
	}

	/**
	 * What the policy allows of the request, in the policy's order; all of the policy
	 * when the request names nothing it allows (a connection on the policy rather than
	 * one that cannot be made or a weaker one).
	 */
	private static String[] narrowed(List<String> allowed, String @Nullable [] requested) {
		if (requested == null) {
			return allowed.toArray(String[]::new);
		}
		List<String> asked = Arrays.asList(requested);
		String[] kept = allowed.stream().filter(asked::contains).toArray(String[]::new);
		return (kept.length > 0) ? kept : allowed.toArray(String[]::new);
	}

}
