package io.securecomms.client;

import java.util.List;

import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.RevocationMode;
import io.securecomms.trust.SpkiPins;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OutboundUnitTests {

	private static final ClientTls DEFAULTS = new ClientTls("backends", false, null, List.of(),
			RevocationMode.SOFT_FAIL, IdentityPatterns.none());

	@Test
	void theFirstMatchingTargetWinsAndNamesThePeer() {
		OutboundTargets targets = new OutboundTargets(DEFAULTS, List.of(
				new OutboundTargets.Target("payments", List.of("pay.example.com"),
						new ClientTls(null, false, "client", List.of(), RevocationMode.HARD_FAIL,
								IdentityPatterns.none())),
				new OutboundTargets.Target("partners", List.of("*.partner.example"),
						new ClientTls("partners", false, null, List.of(), null, IdentityPatterns.none())),
				new OutboundTargets.Target("shadowed", List.of("pay.example.com"),
						new ClientTls("other", false, null, List.of(), null, IdentityPatterns.none()))));

		OutboundTargets.Resolved payments = targets.resolve("PAY.example.com", 443);
		assertThat(payments.peer()).isEqualTo("payments");
		assertThat(payments.tls()).isEqualTo(new ClientTls("backends", false, "client", List.of(),
				RevocationMode.HARD_FAIL, IdentityPatterns.none()));
		assertThat(targets.resolve("api.partner.example", 443).tls().trustBundle()).isEqualTo("partners");
		assertThat(targets.resolve("api.partner.example", 443).tls().revocation()).isEqualTo(RevocationMode.SOFT_FAIL);
		assertThat(targets.resolve("partner.example", 8443).peer()).isEqualTo("partner.example:8443");
		assertThat(targets.resolve("evilpartner.example", 443).targetName()).isNull();
	}

	@Test
	void aTargetWithItsOwnTrustDoesNotInheritTheJdkStore() {
		ClientTls withJdk = new ClientTls(null, true, null, List.of(), RevocationMode.SOFT_FAIL,
				IdentityPatterns.none());

		assertThat(withJdk.overriddenBy(new ClientTls("own", false, null, List.of(), null, IdentityPatterns.none()))
			.includeJdkTrust()).isFalse();
		assertThat(withJdk.overriddenBy(new ClientTls(null, false, null, List.of(), null, IdentityPatterns.none()))
			.includeJdkTrust()).isTrue();
	}

	@Test
	void aTargetsServerIdentitiesReplaceTheDefaultsOnlyWhenItHasSome() {
		IdentityPatterns pay = IdentityPatterns.of("secure.comms.client.targets.pay.server-identities",
				List.of("uri:spiffe://example.org/ns/pay/sa/api"));
		ClientTls withIdentities = new ClientTls("backends", false, null, List.of(), null, pay);
		ClientTls without = new ClientTls(null, false, null, List.of(), null, IdentityPatterns.none());

		assertThat(DEFAULTS.serverIdentities().isEmpty()).isTrue();
		assertThat(DEFAULTS.overriddenBy(withIdentities).serverIdentities()).isEqualTo(pay);
		assertThat(withIdentities.overriddenBy(without).serverIdentities()).isEqualTo(pay);
		assertThat(DEFAULTS.overriddenBy(without).serverIdentities()).isEqualTo(IdentityPatterns.none());
	}

	@Test
	void pinsAreSpkiSha256AndMatchAnyCertificateOfTheChain() {
		var ca = TestCertificates.rootCa("pins CA");
		var leaf = ca.issue(Spec.server("localhost"));
		String caPin = SpkiPins.pinOf(ca.certificate());

		assertThat(caPin).startsWith("sha256/").hasSize(51);
		assertThat(SpkiPins.of(List.of(caPin)).matchesAny(leaf.chain())).isTrue();
		assertThat(SpkiPins.of(List.of(SpkiPins.pinOf(leaf.certificate()))).matchesAny(List.of(ca.certificate())))
			.isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> SpkiPins.of(List.of("sha1/abc")))
			.withMessageContaining("'sha1/abc' is not a pin");
		assertThat(SpkiPins.isWellFormed("sha256/" + "A".repeat(43) + "=")).isTrue();
	}

}
