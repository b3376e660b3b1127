package io.securecomms.server;

import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.securecomms.metrics.ClassifiedCertificateException;
import io.securecomms.metrics.Direction;
import io.securecomms.metrics.FailureReason;
import io.securecomms.metrics.HandshakeFailureClassifier;
import io.securecomms.policy.Violation;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A listener's allow-list: the identity patterns (their grammar is tested by
 * {@code IdentityPatternsTests}) and the trust manager that refuses what they do not
 * allow.
 */
class AllowedClientsTests {

	private static final String PROPERTY = "secure.comms.management.allowed-clients";

	private static final Authority CA = TestCertificates.rootCa("allow-list CA");

	private static final X509Certificate PROMETHEUS = CA
		.issue(Spec.client("prometheus")
			.dnsName("prometheus.ops.example.org")
			.uri("spiffe://example.org/ns/ops/sa/prometheus"))
		.certificate();

	private static final X509Certificate PLAIN = CA.issue(Spec.client("plain")).certificate();

	@Test
	void anEmptyListAllowsEveryCertificate() {
		AllowedClients allowed = AllowedClients.of(PROPERTY, List.of());

		assertThat(allowed.isEmpty()).isTrue();
		assertThat(allowed.allows(PLAIN)).isTrue();
		assertThat(AllowedClients.none(PROPERTY).allows(PLAIN)).isTrue();
	}

	@Test
	void theListIsReadWithTheIdentityPatternsGrammar() {
		AllowedClients allowed = AllowedClients.of(PROPERTY,
				List.of("dns:grafana.ops.example.org", "uri:spiffe://example.org/ns/ops/*", "prometheus"));

		assertThat(allowed.allows(PROMETHEUS)).isTrue();
		assertThat(allowed.allows(PLAIN)).isFalse();
		assertThat(allowed.patterns()).containsExactly("dns:grafana.ops.example.org",
				"uri:spiffe://example.org/ns/ops/*");
		assertThat(allowed.violations()).singleElement().satisfies((violation) -> {
			assertThat(violation.kind()).isEqualTo(Violation.Kind.INVALID);
			assertThat(violation.property()).isEqualTo(PROPERTY);
			assertThat(violation.value()).isEqualTo("prometheus");
			assertThat(violation.fix()).contains("dn:", "dns:", "uri:");
		});
	}

	@Test
	void theTrustManagerRefusesATrustedCertificateThatIsNotAllowed() throws Exception {
		X509ExtendedTrustManager trustManager = trustManager(List.of("uri:spiffe://example.org/ns/ops/*"));
		Issued hostile = CA.issue(Spec.client("evil\nINFO forged line").dnsName("evil.example.org"));

		assertThatNoException().isThrownBy(() -> trustManager.checkClientTrusted(chain(PROMETHEUS), "RSA"));
		assertThatExceptionOfType(ClassifiedCertificateException.class)
			.isThrownBy(() -> trustManager.checkClientTrusted(chain(hostile.certificate()), "RSA"))
			.satisfies((refused) -> {
				assertThat(refused.reason()).isEqualTo(FailureReason.CLIENT_CERT_REJECTED);
				assertThat(refused.getMessage()).contains("dns:evil.example.org", "not allowed by " + PROPERTY)
					.doesNotContain("\n");
				assertThat(refused.chain()).containsExactly(chain(hostile.certificate()));
				SSLHandshakeException handshake = new SSLHandshakeException(refused.getMessage());
				handshake.initCause(refused);
				assertThat(HandshakeFailureClassifier.classify(handshake, Direction.INBOUND))
					.isEqualTo(FailureReason.CLIENT_CERT_REJECTED);
			});
	}

	@Test
	void theTrustManagerStillRefusesAnUntrustedCertificateFirst() throws Exception {
		X509ExtendedTrustManager trustManager = trustManager(List.of("dn:O=secure-comms tests,CN=stranger"));
		X509Certificate stranger = TestCertificates.rootCa("stranger CA").issue(Spec.client("stranger")).certificate();

		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> trustManager.checkClientTrusted(chain(stranger), "RSA"))
			.isNotInstanceOf(ClassifiedCertificateException.class);
	}

	@Test
	void withoutAListTheTrustManagersAreLeftAsTheyAre() throws Exception {
		TrustManager[] managers = trustManagers();

		assertThat(AllowListTrustManager.wrap(managers, AllowedClients.none(PROPERTY))).isSameAs(managers);
	}

	private static X509ExtendedTrustManager trustManager(List<String> patterns) throws Exception {
		TrustManager[] wrapped = AllowListTrustManager.wrap(trustManagers(), AllowedClients.of(PROPERTY, patterns));
		assertThat(wrapped).hasSize(1).allMatch(AllowListTrustManager.class::isInstance);
		return (X509ExtendedTrustManager) wrapped[0];
	}

	private static TrustManager[] trustManagers() throws Exception {
		KeyStore trustStore = KeyStore.getInstance("PKCS12");
		trustStore.load(null, null);
		trustStore.setCertificateEntry("ca", CA.certificate());
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trustStore);
		return factory.getTrustManagers();
	}

	private static X509Certificate[] chain(X509Certificate leaf) {
		return new X509Certificate[] { leaf, CA.certificate() };
	}

}
