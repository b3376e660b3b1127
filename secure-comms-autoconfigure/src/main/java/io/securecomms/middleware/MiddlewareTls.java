package io.securecomms.middleware;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.OutboundHandshakeObserver;
import io.securecomms.policy.Mode;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.PolicySslContext;
import io.securecomms.trust.TrustContexts;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * The TLS every middleware client gets: a {@link PolicySslContext} per connection,
 * trusting the SSL bundle the application named through Boot's own property for that
 * client, or else {@code secure.comms.middleware.*} (which defaults to
 * {@code secure.comms.client.*}), and reporting its handshakes on the client's channel.
 */
public final class MiddlewareTls {

	static final String TRUST_PROPERTY = "secure.comms.middleware.trust-bundle";

	private final ClientTls defaults;

	private final TlsPolicy policy;

	private final TrustContexts contexts;

	private final SslBundles bundles;

	private final HandshakeEvents events;

	private final Map<Channel, OutboundHandshakeObserver> observers = new ConcurrentHashMap<>();

	/**
	 * @param defaults the trust, identity and revocation of
	 * {@code secure.comms.middleware.*}, with the {@code secure.comms.client.*} defaults
	 * filled in
	 */
	public MiddlewareTls(ClientTls defaults, TlsPolicy policy, Mode mode, SslBundles bundles, HandshakeEvents events) {
		this.defaults = defaults;
		this.policy = policy;
		this.contexts = new TrustContexts(bundles, mode);
		this.bundles = bundles;
		this.events = events;
	}

	public TlsPolicy policy() {
		return this.policy;
	}

	/**
	 * @param bootBundle the SSL bundle Boot's own property for this client names
	 * ({@code spring.data.redis.ssl.bundle}), or {@code null} to use
	 * {@code secure.comms.middleware.*}
	 * @param bootProperty the property that names {@code bootBundle}, for the message of
	 * an untrusted certificate
	 */
	public PolicySslContext sslContext(Channel channel, @Nullable String bootBundle, @Nullable String bootProperty) {
		return sslContext(channel, bootBundle, bootProperty, null);
	}

	/**
	 * @param peer the {@code peer} tag of every handshake for a connection with a fixed
	 * name (a telemetry exporter's), or {@code null} for {@code host:port}
	 */
	public PolicySslContext sslContext(Channel channel, @Nullable String bootBundle, @Nullable String bootProperty,
			@Nullable String peer) {
		ClientTls tls = settings(bootBundle);
		OutboundHandshakeObserver observer = observer(channel);
		return PolicySslContext.of(this.contexts.create(tls, (reason, message, chain, target) -> {
			String remote = target.host() + ":" + target.port();
			observer.failed((peer != null) ? peer : remote, remote, reason, message, chain);
		}, (bootBundle != null && bootProperty != null) ? bootProperty : TRUST_PROPERTY), this.policy, observer,
				tls.identityBundle() != null, peer);
	}

	/**
	 * What a connection trusts, for the posture: the bundle and the property that names
	 * it.
	 */
	public String trustSource(@Nullable String bootBundle, @Nullable String bootProperty) {
		ClientTls tls = settings(bootBundle);
		if (tls.trustBundle() != null) {
			return tls.trustBundle() + " (" + (tls.trustBundle().equals(bootBundle) ? bootProperty : TRUST_PROPERTY)
					+ ")";
		}
		return tls.includeJdkTrust() ? "the JDK's CA certificates" : "none";
	}

	/** The channel's observer, also for failures a client reports above the TLS layer. */
	public OutboundHandshakeObserver observer(Channel channel) {
		return this.observers.computeIfAbsent(channel, (key) -> new OutboundHandshakeObserver(this.events, key));
	}

	/**
	 * Boot's bundle keeps its trust store as the anchors and its key store (when it has
	 * one) as the identity; revocation follows
	 * {@code secure.comms.middleware.revocation}.
	 */
	ClientTls settings(@Nullable String bootBundle) {
		if (bootBundle == null) {
			return this.defaults;
		}
		SslBundle bundle = this.bundles.getBundle(bootBundle);
		boolean trusts = bundle.getStores().getTrustStore() != null;
		boolean presents = bundle.getStores().getKeyStore() != null;
		// A bundle with only a key store is an identity: what to trust then comes from
		// the middleware defaults.
		return new ClientTls(trusts ? bootBundle : this.defaults.trustBundle(),
				!trusts && this.defaults.includeJdkTrust(), presents ? bootBundle : this.defaults.identityBundle(),
				List.of(), this.defaults.revocation(), IdentityPatterns.none());
	}

}
