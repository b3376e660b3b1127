package io.securecomms.server;

import java.time.Duration;
import java.util.List;

import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsProfile;
import io.securecomms.policy.Violation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What choosing the native TLS engine asks of the policy, with the library loaded (it is
 * on the test class path).
 */
class NativeTlsEngineTests {

	private static final HstsPolicy HSTS = new HstsPolicy(true, Duration.ofDays(730), true, false);

	private static final List<String> TLS13 = List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
			"TLS_AES_128_GCM_SHA256");

	@BeforeAll
	static void nativeEngineLoads() {
		NativeTlsEngine.Availability availability = NativeTlsEngine.availability();
		assumeTrue(availability.library() != null, () -> "native TLS engine unavailable: " + availability.problem());
	}

	@Test
	void theLibraryIsBoringSsl() {
		assertThat(NativeTlsEngine.availability().library()).startsWith("BoringSSL");
		assertThat(NativeTlsEngine.availability().problem()).isNull();
	}

	@Test
	void theJdksEnginesAskNothing() {
		assertThat(NativeTlsEngine.check(ServerEngine.JSSE, policy(List.of("TLS_AES_256_GCM_SHA384")), true)).isEmpty();
	}

	@Test
	void theProfilesTls13SuitesAreBoringSsls() {
		assertThat(NativeTlsEngine.check(ServerEngine.OPENSSL, policy(TLS13), false)).isEmpty();
	}

	@Test
	void narrowedTls13SuitesCannotBeFollowed() {
		List<Violation> violations = NativeTlsEngine.check(ServerEngine.OPENSSL,
				policy(List.of("TLS_AES_256_GCM_SHA384")), false);

		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.property()).isEqualTo("secure.comms.tls.cipher-suites");
			assertThat(violation.problem()).contains("cannot narrow them");
			assertThat(violation.fix()).contains("Keep all three TLS 1.3 suites", "secure.comms.server.engine=jsse");
		});
	}

	@Test
	void staplingStaysWithTheJdksEngines() {
		List<Violation> violations = NativeTlsEngine.check(ServerEngine.OPENSSL, policy(TLS13), true);

		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.property()).isEqualTo("secure.comms.server.ocsp-stapling");
			assertThat(violation.problem()).contains("does not staple OCSP responses");
		});
	}

	@Test
	void withoutNettyTheViolationNamesTheDependency() {
		List<Violation> violations = NativeTlsEngine.check(ServerEngine.OPENSSL, policy(TLS13), false,
				new FilteredClassLoader("io.netty"));

		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.property()).isEqualTo("secure.comms.server.engine");
			assertThat(violation.problem()).contains("the native TLS engine cannot be used",
					"io.netty:netty-handler) is not on the class path");
			assertThat(violation.fix()).contains("io.netty:netty-tcnative-boringssl-static",
					"or set secure.comms.server.engine=jsse");
		});
	}

	@Test
	void reportModeFallsBackToTheJdksEngines() {
		PolicyViolations violations = new PolicyViolations(Mode.REPORT);

		ServerHardening hardening = ServerHardening.of(policy(TLS13), violations, new HandshakeEvents(List.of()), HSTS,
				null, ServerEngine.OPENSSL, true);

		assertThat(hardening.engine()).isEqualTo(ServerEngine.JSSE);
		assertThat(violations.reported()).extracting(Violation::property)
			.containsExactly("secure.comms.server.ocsp-stapling");
	}

	@Test
	void enforceModeStopsStartup() {
		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> ServerHardening.of(policy(TLS13), new PolicyViolations(Mode.ENFORCE),
					new HandshakeEvents(List.of()), HSTS, null, ServerEngine.OPENSSL, true));
	}

	@Test
	void anEngineThatCanFollowThePolicyIsKept() {
		ServerHardening hardening = ServerHardening.of(policy(TLS13), new PolicyViolations(Mode.ENFORCE),
				new HandshakeEvents(List.of()), HSTS, null, ServerEngine.OPENSSL, false);

		assertThat(hardening.engine()).isEqualTo(ServerEngine.OPENSSL);
	}

	private static TlsPolicy policy(List<String> tls13) {
		List<String> suites = new java.util.ArrayList<>(tls13);
		suites.add("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
		return new TlsPolicy(TlsProfile.INTERMEDIATE, List.of("TLSv1.3", "TLSv1.2"), suites,
				List.of("x25519", "secp256r1"));
	}

}
