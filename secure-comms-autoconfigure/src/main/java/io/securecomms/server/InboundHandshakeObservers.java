package io.securecomms.server;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.tomcat.util.net.SSLHostConfig;
import org.jspecify.annotations.Nullable;

/**
 * Which observer watches which {@link SSLHostConfig}, which client certificates it lets
 * in and which TLS engine it runs on. Tomcat creates its SSL implementation by class
 * name, so neither can be handed to it; the connector customizer registers them here
 * instead. Weak keys: a stopped connector's configurations are not kept alive.
 */
final class InboundHandshakeObservers {

	private static final Map<SSLHostConfig, Registered> registered = Collections.synchronizedMap(new WeakHashMap<>());

	private InboundHandshakeObservers() {
	}

	static void register(SSLHostConfig config, InboundHandshakeObserver observer, AllowedClients allowedClients,
			ServerEngine engine) {
		registered.put(config, new Registered(observer, allowedClients, engine));
	}

	static @Nullable InboundHandshakeObserver get(SSLHostConfig config) {
		Registered entry = registered.get(config);
		return (entry != null) ? entry.observer() : null;
	}

	static @Nullable AllowedClients allowedClients(SSLHostConfig config) {
		Registered entry = registered.get(config);
		return (entry != null) ? entry.allowedClients() : null;
	}

	static ServerEngine engine(SSLHostConfig config) {
		Registered entry = registered.get(config);
		return (entry != null) ? entry.engine() : ServerEngine.JSSE;
	}

	private record Registered(InboundHandshakeObserver observer, AllowedClients allowedClients, ServerEngine engine) {
	}

}
