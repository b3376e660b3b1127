package io.securecomms.middleware;

import java.util.List;

import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.HostnameVerificationPolicy;
import org.junit.jupiter.api.Test;

import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.Violation;
import io.securecomms.trust.PolicySslContext;

import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails.Node;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails.Node.Protocol;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What weakens the nodes Boot's {@code Rest5Client} connects to, and what the starter
 * does to its HttpClient.
 */
class ElasticsearchTlsTests {

	private static final Node HTTPS = new Node("search.internal", 9200, Protocol.HTTPS);

	private static final Node HTTP = new Node("search.internal", 9201, Protocol.HTTP, "elastic", "s3cret");

	@Test
	void everyHttpNodeIsAWeaknessNamedWithoutItsCredentials() {
		assertThat(ElasticsearchTls.weaknesses(List.of(HTTPS, HTTP), false, true)).singleElement()
			.satisfies((weakness) -> {
				assertThat(weakness.property()).isEqualTo("spring.elasticsearch.uris");
				assertThat(weakness.value()).isEqualTo("http://search.internal:9201");
				assertThat(weakness.problem()).contains("plaintext");
				assertThat(weakness.fix()).contains("https://", "spring.elasticsearch.restclient.ssl.bundle");
			});
	}

	@Test
	void aHostNameVerifierThatAcceptsAllIsAWeaknessWhereBootAppliesIt() {
		assertThat(ElasticsearchTls.weaknesses(List.of(HTTPS), true, false)).extracting(Violation::property)
			.containsExactly("spring.elasticsearch.restclient.ssl.verify-hostname");
		// Without a bundle Boot keeps HttpClient's default verifier whatever the property
		// says.
		assertThat(ElasticsearchTls.weaknesses(List.of(HTTPS), false, false)).isEmpty();
	}

	@Test
	void httpsNodesGetThePolicyTlsStrategy() {
		MiddlewareConnections connections = MiddlewareTestFixtures.connections(Mode.ENFORCE, List.of());
		PoolingAsyncClientConnectionManagerBuilder builder = PoolingAsyncClientConnectionManagerBuilder.create();

		new ElasticsearchTls(MiddlewareTestFixtures.tls(), connections)
			.check(new ElasticsearchProperties(), details(HTTPS))
			.customize(builder);

		// HttpClient shows its strategy's settings nowhere else: read the builder's
		// fields.
		assertThat(builder).extracting("tlsStrategy.sslContext").isInstanceOf(PolicySslContext.class);
		assertThat(builder).extracting("tlsStrategy.hostnameVerificationPolicy")
			.isEqualTo(HostnameVerificationPolicy.BOTH);
		assertThat(connections.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.TLS);
			assertThat(entry.connection().hosts()).containsExactly("search.internal:9200");
			assertThat(entry.connection().hostnameVerified()).isTrue();
		});
	}

	@Test
	void anHttpNodeStopsStartupInEnforceMode() {
		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> new ElasticsearchTls(MiddlewareTestFixtures.tls(),
					MiddlewareTestFixtures.connections(Mode.ENFORCE, List.of()))
				.check(new ElasticsearchProperties(), details(HTTP)));
	}

	@Test
	void anHttpNodeIsAReportedViolationAndLeftAsConfiguredInReportMode() {
		PolicyViolations violations = new PolicyViolations(Mode.REPORT);
		MiddlewareConnections connections = new MiddlewareConnections(true, List.of(), violations);

		new ElasticsearchTls(MiddlewareTestFixtures.tls(), connections).check(new ElasticsearchProperties(),
				details(HTTP));

		assertThat(violations.reported()).extracting(Violation::property).containsExactly("spring.elasticsearch.uris");
		assertThat(connections.entries()).singleElement().satisfies((entry) -> {
			assertThat(entry.status()).isEqualTo(MiddlewareConnections.Status.WEAKENED);
			assertThat(entry.connection().trustSource()).isEqualTo("none");
			assertThat(entry.connection().hostnameVerified()).isFalse();
		});
	}

	private static ElasticsearchConnectionDetails details(Node node) {
		return () -> List.of(node);
	}

}
