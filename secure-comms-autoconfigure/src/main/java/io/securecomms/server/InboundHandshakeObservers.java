package io.securecomms.server;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.tomcat.util.net.SSLHostConfig;
import org.jspecify.annotations.Nullable;

/**
 * Which observer watches which {@link SSLHostConfig}. Tomcat creates its SSL
 * implementation by class name, so the observer cannot be handed to it; the connector
 * customizer registers it here instead. Weak keys: a stopped connector's configurations
 * are not kept alive.
 */
final class InboundHandshakeObservers {

	private static final Map<SSLHostConfig, InboundHandshakeObserver> observers = Collections
		.synchronizedMap(new WeakHashMap<>());

	private InboundHandshakeObservers() {
	}

	static void register(SSLHostConfig config, InboundHandshakeObserver observer) {
		observers.put(config, observer);
	}

	static @Nullable InboundHandshakeObserver get(SSLHostConfig config) {
		return observers.get(config);
	}

}
