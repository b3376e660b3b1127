package io.securecomms.test;

import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@code @ServiceConnection(TlsRedisContainer.CONNECTION_NAME)} on a
 * {@link TlsRedisContainer}: Redis connection details whose SSL bundle trusts the test CA
 * and holds the test client certificate, which Boot's own Redis factory cannot give (it
 * reads a bundle only from annotations with fixed content).
 * <p>
 * The connection name keeps Boot's factory, which takes every container whose image is
 * {@code redis}, from giving plaintext details for the same container: both would be
 * refused as duplicates.
 */
class TlsRedisContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<TlsRedisContainer, DataRedisConnectionDetails> {

	TlsRedisContainerConnectionDetailsFactory() {
		super(TlsRedisContainer.CONNECTION_NAME,
				"org.springframework.boot.data.redis.autoconfigure." + "DataRedisConnectionDetails");
	}

	@Override
	protected DataRedisConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<TlsRedisContainer> source) {
		return new TlsRedisConnectionDetails(source);
	}

	static SslBundle sslBundle() {
		TestPki pki = TestPki.get();
		PemSslStoreDetails key = PemSslStoreDetails.forCertificate(pki.client().chainPem())
			.withPrivateKey(pki.client().privateKeyPem());
		return SslBundle.of(new PemSslStoreBundle(key, PemSslStoreDetails.forCertificate(pki.ca().certificatePem())));
	}

	private static final class TlsRedisConnectionDetails extends ContainerConnectionDetails<TlsRedisContainer>
			implements DataRedisConnectionDetails {

		private TlsRedisConnectionDetails(ContainerConnectionSource<TlsRedisContainer> source) {
			super(source);
		}

		@Override
		public SslBundle getSslBundle() {
			return sslBundle();
		}

		@Override
		public Standalone getStandalone() {
			TlsRedisContainer container = getContainer();
			return Standalone.of(container.getHost(), container.getMappedPort(TlsRedisContainer.TLS_PORT));
		}

	}

}
