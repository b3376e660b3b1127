package io.securecomms.telemetry;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import io.securecomms.client.OutboundTargets;
import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.OutboundHandshakeObserver;
import io.securecomms.middleware.MiddlewareConnection;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.policy.Mode;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.Violation;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.PolicySslContext;
import io.securecomms.trust.TrustContexts;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;

/**
 * The rules for every telemetry exporter: a plaintext endpoint is a violation naming the
 * property that sets it (and the one that disables the export); an {@code https://}
 * endpoint gets a {@link PolicySslContext} with the policy's protocols and suites and the
 * outbound client's trust, identity, revocation and pins ({@code secure.comms.client.*},
 * or the {@code secure.comms.client.targets.<name>} entry whose hosts match the
 * exporter's host), whose handshakes are observed on {@code channel=monitoring} with the
 * exporter's name as {@code peer}. Each exporter is recorded with the middleware
 * connections, which apply the mode (under the monitoring rule: {@code require-tls=false}
 * does not let it through) and list it in the posture.
 */
public final class ExporterTls {

	/**
	 * What an exporter that sends through {@code HttpsURLConnection}'s defaults trusts,
	 * for the posture.
	 */
	static final String JVM_DEFAULT_TRUST = "JVM default SSL context (secure.comms.jvm-default.enabled)";

	private final OutboundTargets targets;

	private final TlsPolicy policy;

	private final TrustContexts contexts;

	private final OutboundHandshakeObserver observer;

	private final MiddlewareConnections connections;

	public ExporterTls(OutboundTargets targets, TlsPolicy policy, Mode mode, SslBundles bundles, HandshakeEvents events,
			MiddlewareConnections connections) {
		this.targets = targets;
		this.policy = policy;
		this.contexts = new TrustContexts(bundles, mode);
		this.observer = new OutboundHandshakeObserver(events, Channel.MONITORING);
		this.connections = connections;
	}

	/**
	 * What is wrong with an exporter's endpoint, if anything: a plaintext or scheme-less
	 * one is a violation naming the exporter's property, with the fix (use https, or
	 * disable the export).
	 */
	public static List<Violation> check(TelemetryExporter exporter, @Nullable String endpoint) {
		String scheme = scheme(endpoint);
		if ("https".equals(scheme)) {
			return List.of();
		}
		String fix = "set " + exporter.property() + " to " + exporter.httpsValue() + " (its CA in "
				+ "secure.comms.client.trust-bundle, or a secure.comms.client.targets.<name> entry for its host), "
				+ "or disable that export with " + exporter.enabledProperty() + "=false";
		if (endpoint != null && "http".equals(scheme)) {
			return List.of(Violation.insecure(exporter.property(), endpoint,
					"the telemetry exporter sends to the collector in plaintext", fix));
		}
		return List.of(Violation.insecure(exporter.property(), String.valueOf(endpoint),
				"the telemetry exporter's endpoint is not an https:// URL", fix));
	}

	/**
	 * Records the exporter and applies the mode to its endpoint's violations (enforce
	 * throws, report logs and counts, {@code plaintext-allowed: monitoring} lets it
	 * through, flagged).
	 * @param endpoint the URL it sends to ({@code scheme://host:port/...})
	 * @return the policy's SSL context for the exporter when the endpoint is
	 * {@code https://}, else {@code null} (the plaintext endpoint was let through)
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, for a
	 * plaintext endpoint
	 */
	public @Nullable SSLContext secure(TelemetryExporter exporter, String endpoint) {
		boolean https = "https".equals(scheme(endpoint));
		OutboundTargets.Resolved resolved = resolve(endpoint);
		record(exporter, endpoint, https ? trustSource(resolved) : "none", https);
		if (!https) {
			return null;
		}
		ClientTls tls = resolved.tls();
		String peer = exporter.name();
		SSLContext trusted = this.contexts.create(tls, (reason, message, chain, target) -> this.observer.failed(peer,
				target.host() + ":" + target.port(), reason, message, chain),
				this.targets.trustProperty(resolved.targetName()));
		return PolicySslContext.of(trusted, this.policy, this.observer, tls.identityBundle() != null, peer);
	}

	/**
	 * Records an exporter that sends through {@code HttpsURLConnection} with the JVM's
	 * default socket factory (a Micrometer push registry's
	 * {@code HttpUrlConnectionSender}): its endpoint is checked here, its TLS is the JVM
	 * default SSL context's ({@code secure.comms.jvm-default.enabled},
	 * {@code channel=jvm-default}).
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, for a
	 * plaintext endpoint
	 */
	public void checkOnJvmDefault(TelemetryExporter exporter, String endpoint) {
		boolean https = "https".equals(scheme(endpoint));
		record(exporter, endpoint, https ? JVM_DEFAULT_TRUST : "none", https);
	}

	private void record(TelemetryExporter exporter, String endpoint, String trustSource, boolean https) {
		this.connections.check(new MiddlewareConnection(Channel.MONITORING, exporter.client(),
				List.of(target(endpoint)), trustSource, https), check(exporter, endpoint));
	}

	private OutboundTargets.Resolved resolve(String endpoint) {
		try {
			URI uri = URI.create(endpoint.trim());
			if (uri.getHost() != null) {
				return this.targets.resolve(uri.getHost(), uri.getPort());
			}
		}
		catch (RuntimeException ex) {
			// no host: the defaults
		}
		return new OutboundTargets.Resolved(null, "unknown", this.targets.defaults());
	}

	/**
	 * What the exporter trusts, for the posture: the bundle and the property that names
	 * it.
	 */
	private String trustSource(OutboundTargets.Resolved resolved) {
		ClientTls tls = resolved.tls();
		if (tls.trustBundle() != null) {
			return tls.trustBundle() + " (" + this.targets.trustProperty(resolved.targetName()) + ")";
		}
		return tls.includeJdkTrust() || !tls.hasTrust() ? "the JDK's CA certificates" : "none";
	}

	/**
	 * {@code host:port} of the endpoint (never its user info, path or query), for the
	 * posture.
	 */
	static String target(String endpoint) {
		try {
			URI uri = URI.create(endpoint.trim());
			int port = (uri.getPort() != -1) ? uri.getPort() : ("https".equals(scheme(endpoint)) ? 443 : 80);
			return (uri.getHost() != null) ? uri.getHost() + ":" + port : "unknown";
		}
		catch (RuntimeException ex) {
			return "unknown";
		}
	}

	/**
	 * The trust manager exporters ask for next to the {@link SSLContext} (OkHttp keeps it
	 * to clean certificate chains for its own pinning, which the exporters do not
	 * configure): every trust decision is the SSL context's, so this one trusts nothing
	 * on its own.
	 */
	public static X509TrustManager contextTrust() {
		return new X509TrustManager() {

			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType)
					throws java.security.cert.CertificateException {
				throw new java.security.cert.CertificateException("secure-comms: trust is the SSL context's");
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType)
					throws java.security.cert.CertificateException {
				throw new java.security.cert.CertificateException("secure-comms: trust is the SSL context's");
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}

		};
	}

	static @Nullable String scheme(@Nullable String endpoint) {
		if (endpoint == null) {
			return null;
		}
		try {
			String scheme = URI.create(endpoint.trim()).getScheme();
			return (scheme != null) ? scheme.toLowerCase(Locale.ROOT) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
