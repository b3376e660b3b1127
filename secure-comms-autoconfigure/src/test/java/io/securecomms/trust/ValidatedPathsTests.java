package io.securecomms.trust;

import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import io.securecomms.policy.CertificatePolicy;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The path that PKIX validates for what a server presented: only certificates that
 * certify the leaf, and the anchor; never certificates merely sent along.
 */
class ValidatedPathsTests {

	private static final Authority ca = TestCertificates.rootCa("path CA");

	private static final Authority intermediate = ca.intermediate("path intermediate");

	private static final Issued trustedSelfSigned = TestCertificates.selfSigned(Spec.server("localhost"));

	private final ValidatedPaths paths;

	ValidatedPathsTests() throws Exception {
		KeyStore anchors = KeyStore.getInstance("PKCS12");
		anchors.load(null, null);
		anchors.setCertificateEntry("ca", ca.certificate());
		anchors.setCertificateEntry("self-signed", trustedSelfSigned.certificate());
		this.paths = new ValidatedPaths(anchors);
	}

	@Test
	void aCertificateSentAlongIsNotPartOfThePath() throws Exception {
		Issued pinned = ca.issue(Spec.server("localhost"));
		Issued other = ca.issue(Spec.server("localhost"));

		ValidatedPaths.Path path = this.paths.of(List.of(other.certificate(), pinned.certificate()));

		assertThat(path.certificates()).containsExactly(other.certificate());
		assertThat(path.withAnchor()).containsExactly(other.certificate(), ca.certificate())
			.doesNotContain(pinned.certificate());
		SpkiPins pins = SpkiPins.of(List.of(SpkiPins.pinOf(pinned.certificate())));
		assertThat(pins.matchesAny(path.withAnchor())).isFalse();
		assertThat(pins.matchesAny(List.of(other.certificate(), pinned.certificate()))).as("the chain as sent")
			.isTrue();
	}

	@Test
	void anIntermediateThatCertifiesTheLeafIsPartOfThePathWhereverItWasSent() throws Exception {
		Issued leaf = intermediate.issue(Spec.server("localhost"));
		Issued unrelated = ca.issue(Spec.server("unrelated.example"));

		ValidatedPaths.Path path = this.paths
			.of(List.of(leaf.certificate(), unrelated.certificate(), intermediate.certificate()));

		assertThat(path.certificates()).containsExactly(leaf.certificate(), intermediate.certificate());
		assertThat(path.anchor()).isEqualTo(ca.certificate());
		assertThat(SpkiPins.of(List.of(SpkiPins.pinOf(intermediate.certificate()))).matchesAny(path.withAnchor()))
			.isTrue();
	}

	@Test
	void aTrustedLeafIsAPathOfOne() throws Exception {
		Issued stranger = ca.issue(Spec.server("stranger"));

		ValidatedPaths.Path path = this.paths.of(List.of(trustedSelfSigned.certificate(), stranger.certificate()));

		assertThat(path.certificates()).containsExactly(trustedSelfSigned.certificate());
		assertThat(path.withAnchor()).containsExactly(trustedSelfSigned.certificate());
	}

	@Test
	void noPathFailsClosed() {
		Authority stranger = TestCertificates.rootCa("stranger CA");
		X509Certificate leaf = stranger.issue(Spec.server("localhost")).certificate();

		assertThatExceptionOfType(CertificateException.class)
			.isThrownBy(() -> this.paths.of(List.of(leaf, stranger.certificate())))
			.withMessageContaining("No certification path to a trusted certificate could be built");
		assertThatExceptionOfType(CertificateException.class).isThrownBy(() -> this.paths.of(List.of()));
	}

	@Test
	void thePolicyJudgesThePathAndTheAnchorsKeyNotWhatWasSentAlong() throws Exception {
		Issued weakExtra = ca.issue(Spec.server("weak.example").rsa(1024));
		Issued leaf = ca.issue(Spec.server("localhost"));

		ValidatedPaths.Path path = this.paths.of(List.of(leaf.certificate(), weakExtra.certificate()));

		assertThat(CertificatePolicy.checkPath("server certificate", path.certificates(), path.anchor())).isEmpty();
		assertThat(CertificatePolicy.check("server certificate", List.of(leaf.certificate(), weakExtra.certificate())))
			.as("the chain as sent")
			.hasSize(1);
	}

}
