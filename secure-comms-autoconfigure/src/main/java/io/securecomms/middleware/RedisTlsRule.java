package io.securecomms.middleware;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails.Node;
import org.springframework.boot.data.redis.autoconfigure.DataRedisProperties;
import org.springframework.util.StringUtils;

/**
 * Whether Spring Boot puts the Redis connection on TLS, read the way Boot 4's Redis
 * auto-configuration reads it: {@code spring.data.redis.ssl.enabled} (or a
 * {@code spring.data.redis.ssl.bundle}, which turns it on), a {@code rediss://} URL in
 * {@code spring.data.redis.url}, or connection details that carry an SSL bundle
 * (Testcontainers, Docker Compose, an application's own
 * {@link DataRedisConnectionDetails}).
 */
public final class RedisTlsRule {

	static final String SSL_ENABLED = "spring.data.redis.ssl.enabled";

	static final String SSL_BUNDLE = "spring.data.redis.ssl.bundle";

	static final String URL = "spring.data.redis.url";

	private final boolean tls;

	private final @Nullable String bundle;

	private final @Nullable String url;

	private final List<String> hosts;

	RedisTlsRule(boolean tls, @Nullable String bundle, @Nullable String url, List<String> hosts) {
		this.tls = tls;
		this.bundle = bundle;
		this.url = url;
		this.hosts = List.copyOf(hosts);
	}

	public static RedisTlsRule of(DataRedisProperties properties, DataRedisConnectionDetails details) {
		String url = StringUtils.hasText(properties.getUrl()) ? properties.getUrl() : null;
		boolean tls = details.getSslBundle() != null || (url != null && isTlsUrl(url));
		String bundle = (properties.getSsl().isEnabled() && StringUtils.hasText(properties.getSsl().getBundle()))
				? properties.getSsl().getBundle() : null;
		return new RedisTlsRule(tls, bundle, url, hosts(details));
	}

	static boolean isTlsUrl(String url) {
		return url.toLowerCase(Locale.ROOT).startsWith("rediss:");
	}

	/** Whether Boot turns TLS on for the connection. */
	public boolean tls() {
		return this.tls;
	}

	/** The SSL bundle {@code spring.data.redis.ssl.bundle} names, or {@code null}. */
	public @Nullable String bundle() {
		return this.bundle;
	}

	/** The servers, {@code host:port}, the way the connection details list them. */
	public List<String> hosts() {
		return this.hosts;
	}

	/**
	 * The weakness of a connection Boot leaves plaintext: it names the property that the
	 * application set (a {@code redis://} URL) or forgot
	 * ({@code spring.data.redis.ssl.enabled}).
	 */
	public Violation plaintext() {
		String problem = "the Redis connection to " + String.join(", ", this.hosts)
				+ " is plaintext: commands, data and the password cross the network unencrypted and the server is "
				+ "not authenticated";
		String fix = "set " + SSL_ENABLED + "=true and " + SSL_BUNDLE
				+ " to the SSL bundle that trusts the server's certificate (Redis must listen with TLS: "
				+ "tls-port), or list redis in " + MiddlewareConnections.PLAINTEXT_ALLOWED
				+ " for a local cache that may stay plaintext";
		if (this.url != null) {
			return Violation.insecure(URL, withoutCredentials(this.url), problem, "use a rediss:// URL, or " + fix);
		}
		return Violation.insecure(SSL_ENABLED, "false", problem, fix);
	}

	/** A URL for a message: never the user name or password it may carry. */
	static String withoutCredentials(@Nullable String url) {
		try {
			URI uri = URI.create(url);
			return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() != -1) ? ":" + uri.getPort() : "");
		}
		catch (IllegalArgumentException ex) {
			return "(not a valid URL)";
		}
	}

	private static List<String> hosts(DataRedisConnectionDetails details) {
		if (details.getSentinel() != null) {
			return describe(details.getSentinel().getNodes());
		}
		if (details.getCluster() != null) {
			return describe(details.getCluster().getNodes());
		}
		if (details.getMasterReplica() != null) {
			return describe(details.getMasterReplica().getNodes());
		}
		if (details.getStandalone() != null) {
			return List.of(details.getStandalone().getHost() + ":" + details.getStandalone().getPort());
		}
		return List.of();
	}

	private static List<String> describe(List<Node> nodes) {
		return nodes.stream().map((node) -> node.host() + ":" + node.port()).toList();
	}

}
