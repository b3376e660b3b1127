package io.securecomms.middleware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.connection.ClusterSettings;
import com.mongodb.connection.SslSettings;

import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

/**
 * What weakens a MongoDB client, read from the settings the driver will use (Boot's
 * connection string with its {@code tls}, {@code tlsAllowInvalidHostnames} and
 * {@code tlsInsecure} options, Boot's SSL bundle, and every other customizer): TLS off,
 * or server host names not verified.
 */
public final class MongoTlsRule {

	static final String URI = "spring.mongodb.uri";

	static final String SSL_ENABLED = "spring.mongodb.ssl.enabled";

	static final String SSL_BUNDLE = "spring.mongodb.ssl.bundle";

	/**
	 * The connection string options that switch the host name check off, as the driver's
	 * parser reads them.
	 */
	private static final List<String> HOST_NAME_OPTIONS = List.of("tlsInsecure", "tlsAllowInvalidHostnames",
			"sslInvalidHostnameAllowed");

	private MongoTlsRule() {
	}

	/**
	 * @param settings the client's settings with every customizer applied
	 * @param uri the connection string Boot gave the driver
	 * ({@code MongoConnectionDetails})
	 * @return each weakness naming the Boot property to change; empty for verified TLS
	 */
	public static List<Violation> weaknesses(MongoClientSettings settings, ConnectionString uri) {
		SslSettings ssl = settings.getSslSettings();
		List<Violation> weaknesses = new ArrayList<>();
		if (!ssl.isEnabled()) {
			String problem = "the MongoDB client connects to " + hosts(settings)
					+ " without TLS: documents and credentials cross the network in clear";
			if (Boolean.FALSE.equals(uri.getSslEnabled())) {
				weaknesses.add(Violation.insecure(URI, "tls=false", problem, "Remove tls=false from " + URI
						+ " and set " + SSL_BUNDLE + " to the SSL bundle that trusts the server"));
			}
			else {
				weaknesses.add(Violation.insecure(SSL_ENABLED, "false", problem,
						"Set " + SSL_BUNDLE + " to the SSL bundle that trusts the server (or " + SSL_ENABLED
								+ "=true with " + MiddlewareTls.TRUST_PROPERTY + "), or add tls=true to " + URI));
			}
		}
		if (ssl.isInvalidHostNameAllowed()) {
			String problem = "the MongoDB client accepts a server certificate issued for another host name";
			String option = hostNameOption(uri);
			if (option != null) {
				weaknesses.add(Violation.insecure(URI, option + "=true", problem,
						"Remove " + option + " from " + URI + " and give the server a certificate for its host name"));
			}
			else {
				weaknesses.add(Violation.insecure("MongoClientSettings", "sslSettings.invalidHostNameAllowed=true",
						problem, "Remove invalidHostNameAllowed(true) from the application's MongoClientSettings"));
			}
		}
		return weaknesses;
	}

	/**
	 * The hosts the client connects to ({@code host:port}, or the SRV name), never
	 * credentials.
	 */
	public static List<String> hosts(MongoClientSettings settings) {
		ClusterSettings cluster = settings.getClusterSettings();
		if (cluster.getSrvHost() != null) {
			return List.of(cluster.getSrvHost() + " (SRV)");
		}
		return cluster.getHosts().stream().map((address) -> address.getHost() + ":" + address.getPort()).toList();
	}

	/**
	 * The option of {@code uri} that allows invalid host names, spelt as the user wrote
	 * it.
	 */
	private static @Nullable String hostNameOption(ConnectionString uri) {
		if (!Boolean.TRUE.equals(uri.getSslInvalidHostnameAllowed())) {
			return null;
		}
		String written = uri.getConnectionString().toLowerCase(Locale.ROOT);
		return HOST_NAME_OPTIONS.stream()
			.filter((option) -> written.contains(option.toLowerCase(Locale.ROOT) + "="))
			.findFirst()
			.orElse(HOST_NAME_OPTIONS.get(1));
	}

}
