package io.securecomms.jdbc;

import java.io.IOException;
import java.net.Socket;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import io.securecomms.metrics.OutboundHandshakeObserver;
import io.securecomms.policy.TlsPolicy;

/**
 * The TLS side of one data source's connections: its SSL context (trust and identity from
 * the JDBC bundles), the policy's protocols and suites, JSSE's host name check, and the
 * handshake timer. Failures are counted where the driver reports them
 * ({@link JdbcFailureObserver}), since the driver runs the handshake.
 */
public final class JdbcTlsConnector {

	private final String peer;

	private final SSLContext context;

	private final TlsPolicy policy;

	private final OutboundHandshakeObserver observer;

	/**
	 * @param peer the {@code peer} tag: the data source's name
	 */
	public JdbcTlsConnector(String peer, SSLContext context, TlsPolicy policy, OutboundHandshakeObserver observer) {
		this.peer = peer;
		this.context = context;
		this.policy = policy;
		this.observer = observer;
	}

	public String peer() {
		return this.peer;
	}

	/** Layers TLS over the driver's connected socket; the driver starts the handshake. */
	SSLSocket layer(Socket plain, String host, int port, boolean autoClose) throws IOException {
		return configure((SSLSocket) this.context.getSocketFactory().createSocket(plain, host, port, autoClose));
	}

	SSLSocket configure(SSLSocket socket) {
		SSLParameters parameters = socket.getSSLParameters();
		parameters.setProtocols(this.policy.protocolArray());
		parameters.setCipherSuites(this.policy.cipherSuiteArray());
		// JSSE checks the host name during the handshake, whatever the driver does after
		// it.
		parameters.setEndpointIdentificationAlgorithm("HTTPS");
		socket.setSSLParameters(parameters);
		long start = System.nanoTime();
		socket.addHandshakeCompletedListener(
				(completed) -> this.observer.succeeded(this.peer, completed.getSession(), System.nanoTime() - start));
		return socket;
	}

	String[] cipherSuites() {
		return this.policy.cipherSuiteArray();
	}

	SSLContext context() {
		return this.context;
	}

}
