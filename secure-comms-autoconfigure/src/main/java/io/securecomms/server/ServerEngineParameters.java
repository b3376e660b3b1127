package io.securecomms.server;

import java.lang.reflect.Method;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import io.securecomms.policy.TlsPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The policy on one server-side {@link SSLEngine}, for web servers that hand the starter
 * their engines rather than a configuration of their own (Tomcat has
 * {@code SSLHostConfig}; Reactor Netty does not): the policy's protocols, its suites in
 * its order with the server's order honoured, and its named groups where the JVM sets
 * them per connection (Java 20 and later; before that {@code jdk.tls.namedGroups}
 * decides). Client authentication and application protocols are left as the server set
 * them.
 */
public final class ServerEngineParameters {

	private static final @Nullable Method SET_NAMED_GROUPS = namedGroupsSetter();

	private final String[] protocols;

	private final String[] cipherSuites;

	private final String[] namedGroups;

	public ServerEngineParameters(TlsPolicy policy) {
		this.protocols = policy.protocolArray();
		this.cipherSuites = policy.cipherSuiteArray();
		this.namedGroups = policy.namedGroups().toArray(String[]::new);
	}

	public SSLEngine apply(SSLEngine engine) {
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setProtocols(this.protocols);
		parameters.setCipherSuites(this.cipherSuites);
		parameters.setUseCipherSuitesOrder(true);
		if (SET_NAMED_GROUPS != null && this.namedGroups.length > 0) {
			try {
				SET_NAMED_GROUPS.invoke(parameters, (Object) this.namedGroups);
			}
			catch (ReflectiveOperationException ex) {
				// The JVM's jdk.tls.namedGroups decides, as on Java 17.
			}
		}
		engine.setSSLParameters(parameters);
		return engine;
	}

	private static @Nullable Method namedGroupsSetter() {
		try {
			return SSLParameters.class.getMethod("setNamedGroups", String[].class);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
