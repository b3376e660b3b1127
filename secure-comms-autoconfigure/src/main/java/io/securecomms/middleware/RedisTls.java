package io.securecomms.middleware;

import java.util.List;

import io.securecomms.metrics.Channel;
import io.securecomms.policy.Violation;
import io.securecomms.trust.PolicySslContext;
import org.jspecify.annotations.Nullable;

/**
 * The Redis connection's TLS, for whichever client Boot builds (Lettuce or Jedis): what
 * Boot's configuration says ({@link RedisTlsRule}), the one policy SSL context the client
 * gets when TLS is on, and the record of the connection as the client was finally
 * configured.
 */
public final class RedisTls {

	private final RedisTlsRule rule;

	private final MiddlewareTls tls;

	private final MiddlewareConnections connections;

	private final boolean configured;

	private volatile @Nullable PolicySslContext context;

	/**
	 * @param configured whether the application configured the connection (see
	 * {@link BootClientConfiguration}): Boot's unconfigured default for
	 * {@code localhost:6379} is left alone
	 */
	public RedisTls(RedisTlsRule rule, MiddlewareTls tls, MiddlewareConnections connections, boolean configured) {
		this.rule = rule;
		this.tls = tls;
		this.connections = connections;
		this.configured = configured;
	}

	public RedisTlsRule rule() {
		return this.rule;
	}

	/** Whether the starter acts on the connection: the application configured it. */
	boolean configured() {
		return this.configured;
	}

	/** Boot's default for {@code localhost:6379}, left alone and shown as such. */
	void unconfigured(String client) {
		this.connections.unconfigured(Channel.REDIS, client + " (Boot's default)", "localhost:6379",
				"spring.data.redis.host or spring.data.redis.url");
	}

	/**
	 * The policy SSL context trusting {@code spring.data.redis.ssl.bundle} when it names
	 * one, else {@code secure.comms.middleware.*}; created once, when the client first
	 * asks.
	 */
	public PolicySslContext sslContext() {
		PolicySslContext context = this.context;
		if (context == null) {
			synchronized (this) {
				context = this.context;
				if (context == null) {
					context = this.tls.sslContext(Channel.REDIS, this.rule.bundle(), RedisTlsRule.SSL_BUNDLE);
					this.context = context;
				}
			}
		}
		return context;
	}

	/**
	 * Records the connection of a client bean with what weakens it, and applies the mode.
	 * @param client the client bean, as the posture shows it
	 * @param tls whether the client uses TLS at all
	 */
	void check(String client, boolean tls, List<Violation> weaknesses) {
		this.connections.check(new MiddlewareConnection(Channel.REDIS, client, this.rule.hosts(),
				tls ? this.tls.trustSource(this.rule.bundle(), RedisTlsRule.SSL_BUNDLE) : "none", weaknesses.isEmpty()),
				weaknesses);
	}

}
