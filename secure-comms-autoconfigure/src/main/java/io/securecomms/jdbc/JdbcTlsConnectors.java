package io.securecomms.jdbc;

import java.util.Map;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.OutboundHandshakeObserver;
import io.securecomms.policy.Mode;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.ReloadingSslMaterial;
import io.securecomms.trust.TrustContexts;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds each data source's {@link JdbcTlsConnector}: an SSL context from
 * {@code secure.comms.jdbc.*} (its session cache shared by the pool's connections) and
 * the {@code jdbc} channel's handshake observer.
 */
public final class JdbcTlsConnectors implements AutoCloseable {

	static final String TRUST_PROPERTY = "secure.comms.jdbc.trust-bundle";

	private final ClientTls tls;

	private final TlsPolicy policy;

	private final OutboundHandshakeObserver observer;

	private final TrustContexts contexts;

	private final SslBundles bundles;

	private final ReloadingSslMaterial material;

	private @Nullable TrustStoreFiles files;

	/** Held here: the material keeps swap listeners weakly. */
	private final Runnable rewriteFiles = this::rewriteFiles;

	public JdbcTlsConnectors(ClientTls tls, TlsPolicy policy, Mode mode, SslBundles bundles, HandshakeEvents events) {
		this.tls = tls;
		this.policy = policy;
		this.observer = new OutboundHandshakeObserver(events, Channel.JDBC);
		this.contexts = new TrustContexts(bundles, mode);
		this.bundles = bundles;
		this.material = ReloadingSslMaterial.of(bundles);
	}

	/**
	 * Whether a trust bundle is named; the JDK's CAs are never trusted for databases
	 * unless it holds them.
	 */
	boolean hasTrust() {
		return this.tls.trustBundle() != null;
	}

	JdbcTlsConnector connector(String dataSourceName) {
		SSLContext context = this.contexts.create(this.tls, (reason, message, chain, peer) -> this.observer
			.failed(dataSourceName, peer.host() + ":" + peer.port(), reason, message, chain), TRUST_PROPERTY);
		return new JdbcTlsConnector(dataSourceName, context, this.policy, this.observer);
	}

	JdbcFailureObserver failureObserver(String dataSourceName, String remote) {
		return new JdbcFailureObserver(dataSourceName, remote, this.observer, this.tls.identityBundle() != null);
	}

	/**
	 * The properties that give {@code driver} the bundles' trust and identity through
	 * PKCS#12 files, written once, when the first data source needs them.
	 */
	synchronized Map<String, String> driverProperties(String driver) {
		if (this.files == null) {
			SslBundle identity = identity();
			this.files = new TrustStoreFiles(trust().getStores().getTrustStore(),
					(identity != null) ? identity.getStores().getKeyStore() : null,
					(identity != null) ? identity.getKey().getPassword() : null);
			this.material.onSwap(this.rewriteFiles);
		}
		return DriverTrustProperties.of(driver, this.files, this.policy);
	}

	/**
	 * After a bundle reload: the same files with the bundles' new content, for the
	 * drivers' next connection.
	 */
	private synchronized void rewriteFiles() {
		if (this.files != null) {
			SslBundle identity = identity();
			this.files.rewrite(trust().getStores().getTrustStore(),
					(identity != null) ? identity.getStores().getKeyStore() : null,
					(identity != null) ? identity.getKey().getPassword() : null);
		}
	}

	private SslBundle trust() {
		String name = Objects.requireNonNull(this.tls.trustBundle(), "secure.comms.jdbc.trust-bundle");
		return this.material.current(this.bundles, name).bundle();
	}

	private @Nullable SslBundle identity() {
		String name = this.tls.identityBundle();
		return (name != null) ? this.material.current(this.bundles, name).bundle() : null;
	}

	@Override
	public synchronized void close() {
		if (this.files != null) {
			this.files.close();
		}
	}

}
