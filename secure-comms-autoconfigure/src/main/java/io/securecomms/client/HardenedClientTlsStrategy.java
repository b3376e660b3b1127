package io.securecomms.client;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;

import io.securecomms.policy.TlsPolicy;

/**
 * HttpClient's own TLS strategy with the policy's protocols and suites and host name
 * verification by both JSSE (during the handshake) and HttpClient (after it, with the
 * public suffix list: {@link PublicSuffixHostnameVerifier}). The policy is set again on
 * every engine and socket, after HttpClient applied any per-request {@code TlsConfig}, so
 * nothing can widen it.
 */
final class HardenedClientTlsStrategy extends DefaultClientTlsStrategy {

	private final TlsPolicy policy;

	HardenedClientTlsStrategy(SSLContext context, TlsPolicy policy) {
		super(context, policy.protocolArray(), policy.cipherSuiteArray(), SSLBufferMode.STATIC,
				HostnameVerificationPolicy.BOTH, new PublicSuffixHostnameVerifier());
		this.policy = policy;
	}

	@Override
	protected void initializeEngine(SSLEngine engine) {
		engine.setEnabledProtocols(this.policy.protocolArray());
		engine.setEnabledCipherSuites(this.policy.cipherSuiteArray());
	}

	@Override
	protected void initializeSocket(SSLSocket socket) {
		socket.setEnabledProtocols(this.policy.protocolArray());
		socket.setEnabledCipherSuites(this.policy.cipherSuiteArray());
	}

}
