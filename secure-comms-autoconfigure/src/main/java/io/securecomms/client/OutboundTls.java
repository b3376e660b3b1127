package io.securecomms.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.HttpAsyncClientBuilder;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.nio.ssl.TlsStrategy;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.OutboundHandshakeObserver;
import io.securecomms.policy.Mode;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.PolicyTrustManager;
import io.securecomms.trust.TrustContexts;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;

/**
 * Everything outbound HTTP clients share: one hardened TLS strategy (and so one SSL
 * context and session cache) per target and one for all other hosts, the strategies
 * HttpClient is given, and the plaintext guard.
 */
public final class OutboundTls {

	private final OutboundTargets targets;

	private final OutboundHandshakeObserver observer;

	private final HardenedClientTlsStrategy defaultStrategy;

	private final Map<String, HardenedClientTlsStrategy> targetStrategies = new LinkedHashMap<>();

	private final boolean allowPlaintext;

	private final @Nullable String fixedPeer;

	/**
	 * @param targets the settings per host, already checked ({@link ClientTlsCheck})
	 */
	public OutboundTls(OutboundTargets targets, boolean allowPlaintext, TlsPolicy policy, Mode mode, SslBundles bundles,
			HandshakeEvents events) {
		this(targets, allowPlaintext, policy, mode, bundles, events, Channel.HTTP_CLIENT, null);
	}

	/**
	 * The same TLS for a client that is not one of the application's: an identity
	 * provider's, observed on its own channel and under one {@code peer} tag whatever
	 * host it calls.
	 * @param channel the channel its handshakes are counted on
	 * @param fixedPeer the {@code peer} tag of all its connections, or {@code null} for
	 * the target name or {@code host:port}
	 */
	public OutboundTls(OutboundTargets targets, boolean allowPlaintext, TlsPolicy policy, Mode mode, SslBundles bundles,
			HandshakeEvents events, Channel channel, @Nullable String fixedPeer) {
		this.targets = targets;
		this.allowPlaintext = allowPlaintext;
		this.fixedPeer = fixedPeer;
		this.observer = new OutboundHandshakeObserver(events, channel);
		TrustContexts contexts = new TrustContexts(bundles, mode);
		PolicyTrustManager.TrustWarnings warnings = (reason, message, chain, peer) -> this.observer
			.failed(resolvePeer(peer), peer.host() + ":" + peer.port(), reason, message, chain);
		this.defaultStrategy = new HardenedClientTlsStrategy(
				contexts.create(targets.defaults(), warnings, ClientTlsCheck.PREFIX + "trust-bundle"), policy);
		for (OutboundTargets.Target target : targets.targets()) {
			ClientTls tls = targets.defaults().overriddenBy(target.tls());
			this.targetStrategies.put(target.name(), new HardenedClientTlsStrategy(
					contexts.create(tls, warnings, targets.trustProperty(target.name())), policy));
		}
	}

	Target resolve(String host, int port) {
		OutboundTargets.Resolved resolved = this.targets.resolve(host, port);
		String targetName = resolved.targetName();
		HardenedClientTlsStrategy strategy = (targetName != null)
				? Objects.requireNonNull(this.targetStrategies.get(targetName), targetName) : this.defaultStrategy;
		return new Target(peer(resolved), strategy, resolved.tls().identityBundle() != null);
	}

	private String resolvePeer(PolicyTrustManager.Peer peer) {
		if (this.fixedPeer != null) {
			return this.fixedPeer;
		}
		return (peer.host() != null) ? this.targets.resolve(peer.host(), peer.port()).peer() : "unknown";
	}

	private String peer(OutboundTargets.Resolved resolved) {
		return (this.fixedPeer != null) ? this.fixedPeer : resolved.peer();
	}

	/**
	 * A classic HttpClient 5 on this TLS with both guards, for a library that creates its
	 * own client (an identity provider's {@code RestOperations}).
	 */
	public HttpClientBuilder classicClientBuilder() {
		return HttpClients.custom()
			.setConnectionManager(
					PoolingHttpClientConnectionManagerBuilder.create().setTlsSocketStrategy(classicStrategy()).build())
			.addExecInterceptorFirst(ExchangeGuard.NAME, firstGuard())
			.addExecInterceptorAfter(ChainElement.REDIRECT.name(), ExchangeGuard.NAME + "-redirect", redirectGuard());
	}

	/**
	 * An async HttpClient 5 on this TLS with both guards, for a library that creates its
	 * own reactive client (the reactive resource server's {@code WebClient}).
	 */
	public HttpAsyncClientBuilder asyncClientBuilder() {
		return HttpAsyncClients.custom()
			.setConnectionManager(
					PoolingAsyncClientConnectionManagerBuilder.create().setTlsStrategy(asyncStrategy()).build())
			.addExecInterceptorFirst(ExchangeGuard.NAME, firstGuard())
			.addExecInterceptorAfter(ChainElement.REDIRECT.name(), ExchangeGuard.NAME + "-redirect", redirectGuard());
	}

	OutboundHandshakeObserver observer() {
		return this.observer;
	}

	public TlsSocketStrategy classicStrategy() {
		return new ObservedTlsSocketStrategy(this);
	}

	public TlsStrategy asyncStrategy() {
		return new ObservedTlsStrategy(this);
	}

	/**
	 * The guard at the head of the exec chain: refuses plaintext, counts late TLS
	 * failures.
	 */
	ExchangeGuard firstGuard() {
		return new ExchangeGuard(this, !this.allowPlaintext, true);
	}

	/** The guard after redirect handling: refuses a redirect to plaintext. */
	ExchangeGuard redirectGuard() {
		return new ExchangeGuard(this, !this.allowPlaintext, false);
	}

	/**
	 * @param peer the {@code peer} tag
	 * @param strategy the hardened strategy for this host
	 * @param presentsCertificate whether an identity bundle gives this host a client
	 * certificate
	 */
	record Target(String peer, HardenedClientTlsStrategy strategy, boolean presentsCertificate) {
	}

}
