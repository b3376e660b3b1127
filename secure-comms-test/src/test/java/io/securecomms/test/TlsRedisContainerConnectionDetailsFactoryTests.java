package io.securecomms.test;

import java.security.KeyStore;
import java.util.Collections;

import org.junit.jupiter.api.Test;

import org.springframework.boot.ssl.SslBundle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSL bundle in {@link TlsRedisContainer}'s connection details: the test CA as trust,
 * the test client certificate as identity (for a Redis that asks for one). Connecting
 * with it is proven in {@code secure-comms-test-samples} ({@code TlsRedisOnHostTests}).
 */
class TlsRedisContainerConnectionDetailsFactoryTests {

	@Test
	void bundleTrustsTheTestCaAndHoldsTheTestClientCertificate() throws Exception {
		SslBundle bundle = TlsRedisContainerConnectionDetailsFactory.sslBundle();
		KeyStore trust = bundle.getStores().getTrustStore();
		KeyStore key = bundle.getStores().getKeyStore();

		assertThat(Collections.list(trust.aliases())).extracting(trust::getCertificate)
			.containsExactly(TestPki.get().ca().certificate());
		assertThat(Collections.list(key.aliases())).extracting(key::getCertificate)
			.containsExactly(TestPki.get().client().certificate());
	}

}
