package io.securecomms.middleware;

import java.net.InetSocketAddress;
import java.net.SocketAddress;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import com.datastax.oss.driver.api.core.metadata.EndPoint;
import com.datastax.oss.driver.api.core.ssl.SslEngineFactory;

/**
 * The Cassandra driver's engines from a policy SSL context: one per node connection,
 * created for the node's host and port so that its host name is checked, the {@code peer}
 * tag names it and SNI carries it.
 */
public final class PolicySslEngineFactory implements SslEngineFactory {

	private final SSLContext context;

	public PolicySslEngineFactory(SSLContext context) {
		this.context = context;
	}

	public SSLContext context() {
		return this.context;
	}

	@Override
	public SSLEngine newSslEngine(EndPoint remoteEndpoint) {
		SocketAddress address = remoteEndpoint.resolve();
		if (address instanceof InetSocketAddress inet) {
			return this.context.createSSLEngine(inet.getHostString(), inet.getPort());
		}
		return this.context.createSSLEngine();
	}

	@Override
	public void close() {
	}

}
