package io.securecomms.client;

import java.net.SocketAddress;

import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;
import org.apache.hc.core5.net.NamedEndpoint;
import org.apache.hc.core5.reactor.ssl.TransportSecurityLayer;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;

/**
 * The async client's TLS (WebClient): picks the target's hardened strategy and reports
 * how the handshake ended through the strategy's completion callback.
 */
final class ObservedTlsStrategy implements TlsStrategy {

	private final OutboundTls tls;

	ObservedTlsStrategy(OutboundTls tls) {
		this.tls = tls;
	}

	@Override
	public void upgrade(TransportSecurityLayer session, NamedEndpoint endpoint, Object attachment, Timeout timeout,
			@Nullable FutureCallback<TransportSecurityLayer> callback) {
		OutboundTls.Target resolved = this.tls.resolve(endpoint.getHostName(), endpoint.getPort());
		long start = System.nanoTime();
		String remote = endpoint.getHostName() + ":" + endpoint.getPort();
		resolved.strategy().upgrade(session, endpoint, attachment, timeout, new FutureCallback<>() {

			@Override
			public void completed(TransportSecurityLayer result) {
				if (result.getTlsDetails() != null) {
					ObservedTlsStrategy.this.tls.observer()
						.succeeded(resolved.peer(), result.getTlsDetails().getSSLSession(), System.nanoTime() - start);
				}
				if (callback != null) {
					callback.completed(result);
				}
			}

			@Override
			public void failed(Exception ex) {
				ObservedTlsStrategy.this.tls.observer()
					.failed(resolved.peer(), remote, ex, resolved.presentsCertificate());
				if (callback != null) {
					callback.failed(ex);
				}
			}

			@Override
			public void cancelled() {
				if (callback != null) {
					callback.cancelled();
				}
			}

		});
	}

	/**
	 * The pre-5.2 entry point, still abstract in the interface; HttpClient 5.6 calls the
	 * one above.
	 */
	@Override
	@Deprecated
	public boolean upgrade(TransportSecurityLayer session, HttpHost host, SocketAddress localAddress,
			SocketAddress remoteAddress, Object attachment, Timeout timeout) {
		upgrade(session, host, attachment, timeout, null);
		return true;
	}

}
