package io.securecomms.server;

import java.lang.reflect.Method;
import java.util.function.Function;

import javax.net.ssl.SSLEngine;

import org.apache.coyote.AbstractProtocol;
import org.apache.tomcat.util.net.AbstractEndpoint;
import org.apache.tomcat.util.net.SecureNio2Channel;
import org.apache.tomcat.util.net.SecureNioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;

/**
 * Finds the caller's address for a failed handshake. Tomcat creates SSL engines without
 * the peer's address, so the address is looked up among the endpoint's open connections,
 * and only when a handshake fails.
 */
final class RemoteAddressLookup implements Function<SSLEngine, String> {

	private final @Nullable AbstractEndpoint<?, ?> endpoint;

	private RemoteAddressLookup(@Nullable AbstractEndpoint<?, ?> endpoint) {
		this.endpoint = endpoint;
	}

	static RemoteAddressLookup of(AbstractProtocol<?> protocol) {
		return new RemoteAddressLookup(endpointOf(protocol));
	}

	@Override
	public String apply(SSLEngine engine) {
		if (this.endpoint == null) {
			return InboundHandshakeObserver.UNKNOWN_REMOTE;
		}
		for (SocketWrapperBase<?> connection : this.endpoint.getConnections()) {
			if (engineOf(connection.getSocket()) == engine) {
				return connection.getRemoteAddr() + ":" + connection.getRemotePort();
			}
		}
		return InboundHandshakeObserver.UNKNOWN_REMOTE;
	}

	private static @Nullable SSLEngine engineOf(Object socket) {
		if (socket instanceof SecureNioChannel channel) {
			return channel.getSslEngine();
		}
		if (socket instanceof SecureNio2Channel channel) {
			return channel.getSslEngine();
		}
		return null;
	}

	/**
	 * Tomcat keeps the endpoint protected; without it the log says "unknown" but nothing
	 * else changes.
	 */
	private static @Nullable AbstractEndpoint<?, ?> endpointOf(AbstractProtocol<?> protocol) {
		try {
			Method getEndpoint = AbstractProtocol.class.getDeclaredMethod("getEndpoint");
			getEndpoint.setAccessible(true);
			return (AbstractEndpoint<?, ?>) getEndpoint.invoke(protocol);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
