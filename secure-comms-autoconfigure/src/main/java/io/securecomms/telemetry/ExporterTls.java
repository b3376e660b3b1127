package io.securecomms.telemetry;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

import io.securecomms.metrics.Channel;
import io.securecomms.middleware.MiddlewareTls;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.Violation;

/**
 * The rules for one telemetry exporter that sends over HTTP: a plaintext endpoint is a violation naming the
 * property that sets it; an {@code https://} endpoint gets a {@link io.securecomms.trust.PolicySslContext} (the
 * policy's protocols and suites, the middleware/client default trust and identity, revocation, host name check)
 * whose handshakes are observed on {@code channel=monitoring} with the exporter's name as {@code peer}.
 */
public final class ExporterTls {

	private final MiddlewareTls tls;

	private final PolicyViolations violations;

	public ExporterTls(MiddlewareTls tls, PolicyViolations violations) {
		this.tls = tls;
		this.violations = violations;
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
		this.violations.handle(check(property, endpoint));
		if (!"https".equals(scheme(endpoint))) {
			return null;
		}
		return this.tls.sslContext(Channel.MONITORING, null, null, exporter);
	}

	/** What the exporter trusts, for logs and the posture. */
	public String trustSource() {
		return this.tls.trustSource(null, null);
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
