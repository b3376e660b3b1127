package io.securecomms.policy;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TlsPolicyResolverTests {

	private static final List<String> INTERMEDIATE = TlsProfile.INTERMEDIATE.cipherSuites();

	private final TlsPolicyResolver resolver = new TlsPolicyResolver(JvmTlsSupport.current());

	@Test
	void intermediateIsTls13AndTls12WithTheMozillaSuitesStrongestFirst() {
		TlsPolicyResolver.Resolution resolution = resolve("intermediate", List.of(), List.of(), Mode.ENFORCE);

		assertThat(resolution.violations()).isEmpty();
		assertThat(resolution.policy().protocols()).containsExactly("TLSv1.3", "TLSv1.2");
		assertThat(resolution.policy().cipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384",
				"TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
				"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
				"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
				"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
		assertThat(resolution.policy().tls13CipherSuites()).hasSize(3);
	}

	@Test
	void modernIsTls13Only() {
		TlsPolicy policy = resolve("MODERN", List.of(), List.of(), Mode.ENFORCE).policy();

		assertThat(policy.protocols()).containsExactly("TLSv1.3");
		assertThat(policy.cipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
				"TLS_AES_128_GCM_SHA256");
		assertThat(policy.tls12CipherSuites()).isEmpty();
	}

	@Test
	void protocolsMayNarrowTheProfile() {
		TlsPolicyResolver.Resolution resolution = resolve("intermediate", List.of("TLSv1.3"), List.of(), Mode.ENFORCE);

		assertThat(resolution.violations()).isEmpty();
		assertThat(resolution.policy().protocols()).containsExactly("TLSv1.3");
		assertThat(resolution.policy().tls12CipherSuites()).isEmpty();
	}

	@Test
	void protocolsBelowTls12AreViolationsAndDroppedInEnforceMode() {
		TlsPolicyResolver.Resolution resolution = resolve("intermediate",
				List.of("TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3", "SSLv2Hello"), List.of(), Mode.ENFORCE);

		assertThat(resolution.violations()).extracting(Violation::value)
			.containsExactly("TLSv1.1", "TLSv1", "SSLv3", "SSLv2Hello");
		assertThat(resolution.violations()).allSatisfy((violation) -> {
			assertThat(violation.property()).isEqualTo("secure.comms.tls.protocols");
			assertThat(violation.kind()).isEqualTo(Violation.Kind.INSECURE);
		});
		assertThat(resolution.policy().protocols()).containsExactly("TLSv1.2");
	}

	@Test
	void reportModeKeepsWhatWasAskedForAndReportsIt() {
		TlsPolicyResolver.Resolution resolution = resolve("intermediate", List.of("TLSv1.2", "TLSv1.1"),
				List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), Mode.REPORT);

		assertThat(resolution.violations()).hasSize(2);
		assertThat(resolution.policy().protocols()).containsExactly("TLSv1.2", "TLSv1.1");
		assertThat(resolution.policy().cipherSuites()).contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
	}

	@Test
	void aProtocolOutsideTheProfileIsAViolation() {
		TlsPolicyResolver.Resolution resolution = resolve("modern", List.of("TLSv1.2"), List.of(), Mode.ENFORCE);

		assertThat(resolution.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.problem()).contains("not part of profile 'modern'"));
		assertThat(resolution.policy().protocols()).containsExactly("TLSv1.3");
	}

	@Test
	void cipherSuitesMayReorderInsideTheProfileAndTls13SuitesAreAlwaysKept() {
		TlsPolicyResolver.Resolution resolution = resolve("intermediate", List.of(),
				List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
				Mode.ENFORCE);

		assertThat(resolution.violations()).isEmpty();
		assertThat(resolution.policy().cipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384",
				"TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
				"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
	}

	@Test
	void weakOrForeignSuitesAreViolations() {
		List<String> weak = List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384",
				"SSL_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_DH_anon_WITH_AES_128_GCM_SHA256", "SSL_RSA_WITH_NULL_SHA256",
				"TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");
		TlsPolicyResolver.Resolution resolution = resolve("intermediate", List.of(), weak, Mode.ENFORCE);

		assertThat(resolution.violations()).extracting(Violation::value).containsExactlyElementsOf(weak);
		assertThat(resolution.violations().get(5).problem()).contains("not part of profile 'intermediate'");
		assertThat(resolution.policy().cipherSuites()).doesNotContainAnyElementsOf(weak);
	}

	@Test
	void unknownProfileIsAViolationAndFallsBackToIntermediate() {
		TlsPolicyResolver.Resolution resolution = resolve("paranoid", List.of(), List.of(), Mode.REPORT);

		assertThat(resolution.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.property()).isEqualTo("secure.comms.tls.profile"));
		assertThat(resolution.policy().profile()).isEqualTo(TlsProfile.INTERMEDIATE);
	}

	@Test
	void suitesTheJvmLacksAreLeftOutAndReported() {
		JvmTlsSupport withoutChacha = new JvmTlsSupport(Set.of("TLSv1.3", "TLSv1.2"),
				INTERMEDIATE.stream()
					.filter((suite) -> !suite.contains("CHACHA20"))
					.collect(java.util.stream.Collectors.toSet()));
		TlsPolicyResolver.Resolution resolution = new TlsPolicyResolver(withoutChacha).resolve(
				new TlsSettings("intermediate", List.of(), List.of("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256")),
				Mode.REPORT);

		assertThat(resolution.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.problem()).contains("this JVM does not support"));
		assertThat(resolution.policy().cipherSuites()).noneMatch((suite) -> suite.contains("CHACHA20"));
	}

	@Test
	void nothingLeftForTls12IsReported() {
		TlsPolicyResolver.Resolution resolution = resolve("intermediate", List.of("TLSv1.2"),
				List.of("TLS_AES_256_GCM_SHA384"), Mode.ENFORCE);

		assertThat(resolution.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.problem()).contains("no cipher suite is left"));
		assertThat(resolution.policy().cipherSuites()).contains("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
	}

	private TlsPolicyResolver.Resolution resolve(String profile, List<String> protocols, List<String> suites,
			Mode mode) {
		return this.resolver.resolve(new TlsSettings(profile, protocols, suites), mode);
	}

}
