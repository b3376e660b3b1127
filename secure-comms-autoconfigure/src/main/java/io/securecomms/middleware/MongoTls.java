package io.securecomms.middleware;

import java.util.List;

import com.mongodb.MongoClientSettings;
import com.mongodb.connection.SslSettings;

import io.securecomms.metrics.Channel;
import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.core.Ordered;

/**
 * Checks each MongoDB client Boot builds and puts it on the policy: TLS on, host names
 * verified, and the {@link io.securecomms.trust.PolicySslContext} (trusting
 * {@code spring.mongodb.ssl.bundle}, else {@code secure.comms.middleware.*}) in place of
 * the bundle's plain context. It runs last, after Boot's own customizer has applied the
 * connection string and the bundle, so it judges and replaces what the driver would
 * otherwise use.
 */
public final class MongoTls implements MongoClientSettingsBuilderCustomizer, Ordered {

	private final MiddlewareTls tls;

	private final MiddlewareConnections connections;

	private final MongoConnectionDetails connectionDetails;

	private final @Nullable String bootBundle;

	/**
	 * @param bootBundle the bundle {@code spring.mongodb.ssl.bundle} names, or
	 * {@code null}
	 */
	public MongoTls(MiddlewareTls tls, MiddlewareConnections connections, MongoConnectionDetails connectionDetails,
			@Nullable String bootBundle) {
		this.tls = tls;
		this.connections = connections;
		this.connectionDetails = connectionDetails;
		this.bootBundle = bootBundle;
	}

	@Override
	public void customize(MongoClientSettings.Builder builder) {
		// What the driver would use as it stands: the connection string's options and
		// every customizer so far.
		MongoClientSettings settings = builder.build();
		List<Violation> weaknesses = MongoTlsRule.weaknesses(settings, this.connectionDetails.getConnectionString());
		boolean verified = weaknesses.isEmpty();
		this.connections.check(
				new MiddlewareConnection(Channel.MONGODB, "MongoClient (spring.mongodb.*)",
						MongoTlsRule.hosts(settings), trustSource(settings.getSslSettings(), verified), verified),
				weaknesses);
		if (verified) {
			builder.applyToSslSettings((ssl) -> ssl.enabled(true)
				.invalidHostNameAllowed(false)
				.context(this.tls.sslContext(Channel.MONGODB, this.bootBundle, MongoTlsRule.SSL_BUNDLE)));
		}
		// Otherwise the mode let the weakness through (report, plaintext-allowed,
		// require-tls=false): the client
		// stays as configured, shown in the posture.
	}

	private String trustSource(SslSettings ssl, boolean verified) {
		if (verified) {
			return this.tls.trustSource(this.bootBundle, MongoTlsRule.SSL_BUNDLE);
		}
		if (!ssl.isEnabled()) {
			return "none";
		}
		return (this.bootBundle != null) ? this.bootBundle + " (" + MongoTlsRule.SSL_BUNDLE + ")"
				: "the JVM's default SSL context";
	}

	/**
	 * After Boot's own customizer (order 0), which applies the connection string and the
	 * SSL bundle.
	 */
	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
