package io.securecomms.client;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLSocket;

import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;

/**
 * The classic (blocking) client's TLS: picks the target's hardened strategy and reports
 * how the handshake ended. A decorator: HttpClient's own strategy does the work.
 */
final class ObservedTlsSocketStrategy implements TlsSocketStrategy {

	private final OutboundTls tls;

	ObservedTlsSocketStrategy(OutboundTls tls) {
		this.tls = tls;
	}

	@Override
	public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
			throws IOException {
		OutboundTls.Target resolved = this.tls.resolve(target, port);
		long start = System.nanoTime();
		try {
			SSLSocket upgraded = resolved.strategy().upgrade(socket, target, port, attachment, context);
			this.tls.observer().succeeded(resolved.peer(), upgraded.getSession(), System.nanoTime() - start);
			return upgraded;
		}
		catch (IOException | RuntimeException ex) {
			this.tls.observer().failed(resolved.peer(), target + ":" + port, ex, resolved.presentsCertificate());
			throw ex;
		}
	}

}
