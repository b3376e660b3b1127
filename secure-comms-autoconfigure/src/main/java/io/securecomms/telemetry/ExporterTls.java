package io.securecomms.telemetry;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import io.securecomms.metrics.Channel;
import io.securecomms.middleware.MiddlewareConnection;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;
import io.securecomms.policy.Violation;

/**
 * The rules for one telemetry exporter that sends over HTTP: a plaintext endpoint is a violation naming the
 * property that sets it; an {@code https://} endpoint gets a {@link io.securecomms.trust.PolicySslContext} (the
 * policy's protocols and suites, the middleware/client default trust and identity, revocation, host name check)
 * whose handshakes are observed on {@code channel=monitoring} with the exporter's name as {@code peer}. Each
 * exporter is recorded with the middleware connections, which apply the mode and list it in the posture.
 */
public final class ExporterTls {

	private final MiddlewareTls tls;

	private final MiddlewareConnections connections;

	public ExporterTls(MiddlewareTls tls, MiddlewareConnections connections) {
		this.tls = tls;
		this.connections = connections;
	}

	/**
	 * What is wrong with an exporter's endpoint, if anything.
	 * @param property the property that sets the endpoint, named in the violation
	 */
	public static List<Violation> check(String property, String endpoint) {
		String scheme = scheme(endpoint);
		if ("https".equals(scheme)) {
			return List.of();
		}
		if ("http".equals(scheme)) {
			return List.of(Violation.insecure(property, endpoint,
					"the telemetry exporter sends to the collector in plaintext",
					"set " + property + " to the collector's https:// endpoint (its CA in "
							+ "secure.comms.middleware.trust-bundle or secure.comms.client.trust-bundle)"));
		}
		return List.of(Violation.insecure(property, String.valueOf(endpoint),
				"the telemetry exporter's endpoint is not an https:// URL",
				"set " + property + " to the collector's https:// endpoint"));
	}

	/**
	 * Applies the mode to the endpoint's violations (enforce throws, report logs and counts).
	 * @return the policy's SSL context for the exporter when the endpoint is {@code https://}, else {@code null}
	 * (report mode let a plaintext endpoint through)
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, for a plaintext endpoint
	 */
	public SSLContext secure(String exporter, String property, String endpoint) {
		boolean https = "https".equals(scheme(endpoint));
		this.connections.check(new MiddlewareConnection(Channel.MONITORING, exporter + " (" + property + ")",
				List.of(target(endpoint)), https ? this.tls.trustSource(null, null) : "none", https),
				check(property, endpoint));
		return https ? this.tls.sslContext(Channel.MONITORING, null, null, exporter) : null;
	}

	/** {@code host:port} of the endpoint (never its user info, path or query), for the posture. */
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
	 * The trust manager exporters ask for next to the {@link SSLContext} (OkHttp keeps it to clean certificate
	 * chains for its own pinning, which the exporters do not configure): every trust decision is the SSL
	 * context's, so this one trusts nothing on its own.
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

	private static String scheme(String endpoint) {
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
