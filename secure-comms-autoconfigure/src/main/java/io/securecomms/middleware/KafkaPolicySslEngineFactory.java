package io.securecomms.middleware;

import java.security.KeyStore;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.net.ssl.SSLEngine;

import io.securecomms.trust.PolicySslContext;
import org.apache.kafka.common.security.auth.SslEngineFactory;
import org.jspecify.annotations.Nullable;

/**
 * Kafka's {@code ssl.engine.factory.class} for clients: every engine comes from the
 * {@link PolicySslContext} the starter put into the client's configuration (Kafka hands
 * unknown entries through to the factory, as Boot's own {@code SslBundleSslEngineFactory}
 * relies on), so that the policy's protocols, suites and trust apply and every handshake
 * is observed with the broker's {@code host:port}. Kafka's own {@code ssl.*} settings are
 * not read: the SSL bundles decide.
 */
public class KafkaPolicySslEngineFactory implements SslEngineFactory {

	/** The configuration entry holding the client's {@link PolicySslContext}. */
	public static final String CONTEXT_CONFIG = PolicySslContext.class.getName();

	private @Nullable Map<String, ?> configs;

	private @Nullable PolicySslContext context;

	@Override
	public void configure(Map<String, ?> configs) {
		if (!(configs.get(CONTEXT_CONFIG) instanceof PolicySslContext policyContext)) {
			throw new IllegalStateException(getClass().getName() + " needs the " + CONTEXT_CONFIG + " entry that "
					+ "secure-comms adds to the Kafka clients Spring builds; it cannot be named in a client's "
					+ "ssl.engine.factory.class by hand");
		}
		this.configs = configs;
		this.context = policyContext;
	}

	@Override
	public SSLEngine createClientSslEngine(String peerHost, int peerPort, String endpointIdentification) {
		// Client mode, the policy and the host name check (even when Kafka's is turned
		// off) come with the engine.
		return Objects.requireNonNull(this.context, "configure was not called").createSSLEngine(peerHost, peerPort);
	}

	@Override
	public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
		throw new UnsupportedOperationException("secure-comms configures Kafka clients, not listeners");
	}

	@Override
	public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
		return !nextConfigs.equals(this.configs);
	}

	@Override
	public Set<String> reconfigurableConfigs() {
		return Set.of(CONTEXT_CONFIG);
	}

	/** None that Kafka could read: the identity is inside the SSL context. */
	@Override
	public @Nullable KeyStore keystore() {
		return null;
	}

	@Override
	public @Nullable KeyStore truststore() {
		return null;
	}

	@Override
	public void close() {
	}

}
