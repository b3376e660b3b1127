package io.securecomms.test;

import java.security.KeyStore;
import java.util.Arrays;
import java.util.Collections;

import io.securecomms.test.HostilePeers.Case;
import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link HostilePeers} hands to a test: distinct peers on loopback and one trust for
 * the application.
 */
@WithHostilePeers
class HostilePeersTests {

	@Test
	void everyCaseHasItsOwnPeerOnLocalhost(HostilePeers peers) {
		assertThat(Arrays.stream(Case.values()).map(peers::port).distinct()).hasSize(Case.values().length);
		assertThat(peers.url(Case.EXPIRED)).isEqualTo("https://localhost:" + peers.port(Case.EXPIRED) + "/");
		assertThat(peers.peerTag(Case.REVOKED)).isEqualTo("localhost:" + peers.port(Case.REVOKED));
	}

	@Test
	void theExtensionHandsOutTheSharedPeers(HostilePeers peers) {
		assertThat(peers).isSameAs(HostilePeers.shared());
	}

	@Test
	void trustHoldsThePeersCaAndTheTestPkiCa(HostilePeers peers) throws Exception {
		SslBundle bundle = peers.trustBundle();
		KeyStore trust = bundle.getStores().getTrustStore();

		assertThat(Collections.list(trust.aliases())).extracting((alias) -> trust.getCertificate(alias))
			.containsExactlyInAnyOrder(peers.ca().certificate(), TestPki.get().ca().certificate());
		assertThat(peers.properties()).containsEntry("secure.comms.client.trust-bundle", HostilePeers.TRUST_BUNDLE)
			.containsEntry("spring.ssl.bundle.pem." + HostilePeers.TRUST_BUNDLE + ".truststore.certificate",
					peers.trustPem());
	}

}
