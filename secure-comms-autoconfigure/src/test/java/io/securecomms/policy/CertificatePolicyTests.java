package io.securecomms.policy;

import java.util.List;

import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CertificatePolicyTests {

	private static final Authority ca = TestCertificates.rootCa("policy test CA");

	@Test
	void strongChainPasses() {
		assertThat(check(ca.issue(Spec.server("localhost")))).isEmpty();
		assertThat(check(ca.issue(Spec.server("localhost").ec(256)))).isEmpty();
	}

	@Test
	void smallRsaKeyIsAViolation() {
		assertThat(check(ca.issue(Spec.server("localhost").rsa(1024)))).singleElement().satisfies((violation) -> {
			assertThat(violation.property()).isEqualTo("server.ssl.bundle");
			assertThat(violation.value()).contains("CN=localhost");
			assertThat(violation.problem()).isEqualTo("RSA key of 1024 bits (at least 2048 required)");
		});
	}

	@Test
	void sha1AndMd5SignaturesAreViolations() {
		assertThat(check(ca.issue(Spec.server("localhost").signedWith("SHA1withRSA")))).singleElement()
			.satisfies((violation) -> assertThat(violation.problem()).contains("SHA1withRSA"));
		assertThat(check(ca.issue(Spec.server("localhost").signedWith("MD5withRSA")))).singleElement()
			.satisfies((violation) -> assertThat(violation.problem()).contains("MD5 is broken"));
	}

	@Test
	void aTrustAnchorsOwnSignatureDoesNotCount() {
		Issued leaf = ca.issue(Spec.server("localhost"));
		Issued sha1Root = TestCertificates.selfSigned(Spec.server("old root").signedWith("SHA1withRSA"));

		assertThat(CertificatePolicy.check("x", List.of(leaf.certificate(), sha1Root.certificate()))).isEmpty();
		assertThat(CertificatePolicy.check("x", List.of(sha1Root.certificate()))).hasSize(1);
	}

	@Test
	void aValidatedPathsAnchorIsJudgedByItsKeyButNotByItsOwnSignature() {
		Issued leaf = ca.issue(Spec.server("localhost"));
		Issued sha1Anchor = TestCertificates.selfSigned(Spec.server("old root").signedWith("SHA1withRSA"));
		Issued weakAnchor = TestCertificates.selfSigned(Spec.server("weak root").rsa(1024));

		assertThat(CertificatePolicy.checkPath("x", List.of(leaf.certificate()), sha1Anchor.certificate())).isEmpty();
		assertThat(CertificatePolicy.checkPath("x", List.of(leaf.certificate()), weakAnchor.certificate()))
			.singleElement()
			.satisfies((violation) -> assertThat(violation.problem()).contains("RSA key of 1024 bits"));
		// A trusted self-signed leaf is its own anchor: as the leaf, its signature still
		// counts.
		assertThat(CertificatePolicy.checkPath("x", List.of(sha1Anchor.certificate()), sha1Anchor.certificate()))
			.hasSize(1);
		assertThat(CertificatePolicy.checkPath("x", List.of(leaf.certificate()), null)).isEmpty();
	}

	private static List<Violation> check(Issued issued) {
		return CertificatePolicy.check("server.ssl.bundle", issued.chain());
	}

}
