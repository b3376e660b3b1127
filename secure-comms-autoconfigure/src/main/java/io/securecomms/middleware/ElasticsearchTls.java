package io.securecomms.middleware;

import java.util.ArrayList;
import java.util.List;

import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.apache.hc.client5.http.ssl.HttpsSupport;
import org.apache.hc.core5.reactor.ssl.SSLBufferMode;

import io.securecomms.metrics.Channel;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails.Node;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchProperties;
import org.springframework.boot.elasticsearch.autoconfigure.Rest5ClientBuilderCustomizer;
import org.springframework.core.Ordered;

/**
 * Boot's Elasticsearch {@code Rest5Client} (Apache HttpClient 5, async): an
 * {@code http://} node or a host name verifier that accepts every name is a weakness; on
 * {@code https://} the client's connection manager gets a TLS strategy on the policy's
 * SSL context (its engines report every handshake on {@code elasticsearch}) with host
 * names verified by JSSE during the handshake and by HttpClient after it.
 */
public final class ElasticsearchTls {

	static final String URIS = "spring.elasticsearch.uris";

	static final String BUNDLE = "spring.elasticsearch.restclient.ssl.bundle";

	static final String VERIFY_HOSTNAME = "spring.elasticsearch.restclient.ssl.verify-hostname";

	private static final String CLIENT = "elasticsearchRestClient (spring.elasticsearch.*)";

	private final MiddlewareTls tls;

	private final MiddlewareConnections connections;

	public ElasticsearchTls(MiddlewareTls tls, MiddlewareConnections connections) {
		this.tls = tls;
		this.connections = connections;
	}

	/**
	 * Checks the nodes Boot connects to and applies the mode to their weaknesses.
	 * @return the customizer that puts the client on the policy, run after Boot's own
	 * (which sets a bundle's TLS strategy); one that changes nothing when a weakness was
	 * let through, which leaves the client as configured
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, when
	 * a weakness is not allowed
	 */
	public Rest5ClientBuilderCustomizer check(ElasticsearchProperties properties,
			ElasticsearchConnectionDetails details) {
		List<Node> nodes = details.getNodes();
		String bundle = properties.getRestclient().getSsl().getBundle();
		List<Violation> weaknesses = weaknesses(nodes, bundle != null || details.getSslBundle() != null,
				properties.getRestclient().getSsl().isVerifyHostname());
		boolean https = nodes.stream().anyMatch((node) -> node.protocol() == Node.Protocol.HTTPS);
		this.connections.check(
				new MiddlewareConnection(Channel.ELASTICSEARCH, CLIENT,
						nodes.stream().map((node) -> node.hostname() + ":" + node.port()).toList(),
						https ? this.tls.trustSource(bundle, BUNDLE) : "none", https && weaknesses.isEmpty()),
				weaknesses);
		if (!weaknesses.isEmpty()) {
			return unchanged();
		}
		TlsPolicy policy = this.tls.policy();
		return new PolicyTlsCustomizer(
				new DefaultClientTlsStrategy(this.tls.sslContext(Channel.ELASTICSEARCH, bundle, BUNDLE),
						policy.protocolArray(), policy.cipherSuiteArray(), SSLBufferMode.STATIC,
						HostnameVerificationPolicy.BOTH, HttpsSupport.getDefaultHostnameVerifier()));
	}

	/** A customizer that leaves the client as Boot builds it. */
	public static Rest5ClientBuilderCustomizer unchanged() {
		return new PolicyTlsCustomizer(null);
	}

	/**
	 * @param bundled whether Boot builds the TLS strategy from a bundle, the only case in
	 * which it applies {@code verify-hostname}
	 */
	static List<Violation> weaknesses(List<Node> nodes, boolean bundled, boolean verifyHostname) {
		List<Violation> weaknesses = new ArrayList<>();
		for (Node node : nodes) {
			if (node.protocol() == Node.Protocol.HTTP) {
				weaknesses.add(Violation.insecure(URIS, "http://" + node.hostname() + ":" + node.port(),
						"talks to Elasticsearch in plaintext: queries, documents and credentials travel unencrypted",
						"use https:// in " + URIS + " and name the cluster's CA in " + BUNDLE));
			}
		}
		if (bundled && !verifyHostname) {
			weaknesses.add(Violation.insecure(VERIFY_HOSTNAME, "false",
					"the cluster's host names are not checked: any certificate its CA issued would be accepted",
					"remove " + VERIFY_HOSTNAME + "=false (host names are verified by default)"));
		}
		return weaknesses;
	}

	/**
	 * Sets the policy's TLS strategy after Boot's own customizer (order 0) set a
	 * bundle's.
	 */
	private record PolicyTlsCustomizer(
			@Nullable DefaultClientTlsStrategy strategy) implements Rest5ClientBuilderCustomizer, Ordered {

		@Override
		public void customize(Rest5ClientBuilder builder) {
		}

		@Override
		public void customize(PoolingAsyncClientConnectionManagerBuilder connectionManagerBuilder) {
			if (this.strategy != null) {
				connectionManagerBuilder.setTlsStrategy(this.strategy);
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
