package io.securecomms.trust;

import java.security.cert.X509Certificate;
import java.util.List;

import io.securecomms.policy.Violation;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one grammar of identity patterns, shared by the listeners' allowed clients and the
 * targets' server identities.
 */
class IdentityPatternsTests {

	private static final String PROPERTY = "secure.comms.client.targets.pay.server-identities";

	private static final Authority CA = TestCertificates.rootCa("identity patterns CA");

	private static final X509Certificate PROMETHEUS = CA
		.issue(Spec.client("prometheus")
			.dnsName("prometheus.ops.example.org")
			.uri("spiffe://example.org/ns/ops/sa/prometheus"))
		.certificate();

	private static final X509Certificate PLAIN = CA.issue(Spec.client("plain")).certificate();

	@Test
	void anEmptyListAcceptsEveryCertificate() {
		IdentityPatterns patterns = IdentityPatterns.of(PROPERTY, List.of());

		assertThat(patterns.isEmpty()).isTrue();
		assertThat(patterns.property()).isEqualTo(PROPERTY);
		assertThat(patterns.accepts(PLAIN)).isTrue();
		assertThat(IdentityPatterns.none().accepts(PLAIN)).isTrue();
	}

	@ParameterizedTest
	// The test certificates' subjects read O=secure-comms tests,CN=... in RFC 2253 (the
	// last RDN of the encoding first).
	@ValueSource(strings = { "dn:O=secure-comms tests,CN=prometheus", "dn:o=secure-comms tests, cn=prometheus",
			"DN: O = Secure-Comms Tests ,  CN = PROMETHEUS", "dn:2.5.4.10=secure-comms tests,2.5.4.3=prometheus",
			"dns:prometheus.ops.example.org", "dns:PROMETHEUS.Ops.Example.ORG", "dns:*.ops.example.org",
			"uri:spiffe://example.org/ns/ops/sa/prometheus", "uri:spiffe://example.org/ns/ops/*",
			"uri:spiffe://example.org/*" })
	void matches(String pattern) {
		IdentityPatterns patterns = IdentityPatterns.of(PROPERTY, List.of(pattern));

		assertThat(patterns.violations()).isEmpty();
		assertThat(patterns.accepts(PROMETHEUS)).as(pattern).isTrue();
		assertThat(patterns.accepts(PLAIN)).as(pattern).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "dn:CN=prometheus", "dn:C=DE,O=secure-comms tests,CN=prometheus",
			"dn:CN=prometheus,O=secure-comms tests", "dns:ops.example.org", "dns:*.example.org",
			"dns:prometheus.ops.example.org.evil", "uri:spiffe://example.org/ns/ops/sa/prometheus/more",
			"uri:spiffe://example.org/ns/ops/sa/Prometheus", "uri:spiffe://example.org/ns/ops/sa/prometheus/*",
			"uri:spiffe://example.org/ns/dev/*", "uri:spiffe://other.example.org/*" })
	void doesNotMatch(String pattern) {
		IdentityPatterns patterns = IdentityPatterns.of(PROPERTY, List.of(pattern));

		assertThat(patterns.violations()).isEmpty();
		assertThat(patterns.accepts(PROMETHEUS)).as(pattern).isFalse();
	}

	@Test
	void aWildcardStandsForOneLabelAndAPrefixForSomethingBelowIt() {
		X509Certificate deep = CA.issue(Spec.client("deep").dnsName("a.b.ops.example.org")).certificate();
		X509Certificate bare = CA.issue(Spec.client("bare").dnsName("ops.example.org")).certificate();
		X509Certificate prefixOnly = CA.issue(Spec.client("prefix").uri("spiffe://example.org/ns/ops/")).certificate();
		X509Certificate climbing = CA.issue(Spec.client("climbing").uri("spiffe://example.org/ns/ops/../admin"))
			.certificate();

		assertThat(IdentityPatterns.of(PROPERTY, List.of("dns:*.ops.example.org")).accepts(deep)).isFalse();
		assertThat(IdentityPatterns.of(PROPERTY, List.of("dns:*.ops.example.org")).accepts(bare)).isFalse();
		assertThat(IdentityPatterns.of(PROPERTY, List.of("uri:spiffe://example.org/ns/ops/*")).accepts(prefixOnly))
			.isFalse();
		assertThat(IdentityPatterns.of(PROPERTY, List.of("uri:spiffe://example.org/ns/ops/*")).accepts(climbing))
			.isFalse();
	}

	@Test
	void anyEntryOfTheListMayMatch() {
		IdentityPatterns patterns = IdentityPatterns.of(PROPERTY,
				List.of("dns:grafana.ops.example.org", "uri:spiffe://example.org/ns/ops/sa/prometheus"));

		assertThat(patterns.accepts(PROMETHEUS)).isTrue();
		assertThat(patterns.patterns()).containsExactly("dns:grafana.ops.example.org",
				"uri:spiffe://example.org/ns/ops/sa/prometheus");
	}

	@ParameterizedTest
	@ValueSource(strings = { "CN=prometheus", "prometheus.ops.example.org", "email:ops@example.org", "dns:",
			"dn:not a dn", "dns:prom*.ops.example.org", "dns:*.ops.*.org", "dns:*", "dns:*.org", "dns:bad name.org",
			"uri:spiffe://example.org/*/sa/prometheus", "uri:spiffe://example.org/ns/ops*", "uri:/ns/ops/sa/x",
			"uri:spiffe://exa mple.org/x" })
	void anUnreadableEntryIsAViolationNamingThePropertyAndTheFix(String pattern) {
		IdentityPatterns patterns = IdentityPatterns.of(PROPERTY, List.of("dns:fine.example.org", pattern));

		assertThat(patterns.violations()).singleElement().satisfies((violation) -> {
			assertThat(violation.kind()).isEqualTo(Violation.Kind.INVALID);
			assertThat(violation.property()).isEqualTo(PROPERTY);
			assertThat(violation.value()).isEqualTo(pattern);
			assertThat(violation.fix()).contains("dn:", "dns:", "uri:");
		});
		assertThat(patterns.isEmpty()).isFalse();
	}

	@Test
	void aListOfUnreadableEntriesOnlyAcceptsNothing() {
		IdentityPatterns patterns = IdentityPatterns.of(PROPERTY, List.of("spiffe://example.org/ns/ops/sa/prometheus"));

		assertThat(patterns.patterns()).isEmpty();
		assertThat(patterns.accepts(PROMETHEUS)).isFalse();
	}

	@Test
	void theIdentityIsDescribedAsThePatternsWriteIt() {
		assertThat(CertificateIdentity.of(PROMETHEUS).describe()).isEqualTo("dn:O=secure-comms tests,CN=prometheus, "
				+ "dns:prometheus.ops.example.org, uri:spiffe://example.org/ns/ops/sa/prometheus");
	}

	@Test
	void patternsFromTheSameEntriesAreEqual() {
		assertThat(IdentityPatterns.of(PROPERTY, List.of("dns:a.example.org")))
			.isEqualTo(IdentityPatterns.of(PROPERTY, List.of(" dns:a.example.org")))
			.isNotEqualTo(IdentityPatterns.of(PROPERTY, List.of("dns:b.example.org")));
		assertThat(IdentityPatterns.of(PROPERTY, List.of())).isNotEqualTo(IdentityPatterns.none());
	}

}
