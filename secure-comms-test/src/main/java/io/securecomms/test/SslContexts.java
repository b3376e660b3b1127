package io.securecomms.test;

import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.securecomms.test.TestCertificates.Issued;

/**
 * Client {@link SSLContext}s for tests: trust exactly the given certificates, optionally
 * present an identity.
 */
final class SslContexts {

	private static final char[] PASSWORD = "secure-comms-test".toCharArray();

	private SslContexts() {
	}

	static SSLContext of(Issued identity, X509Certificate... trusted) {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			for (int i = 0; i < trusted.length; i++) {
				trust.setCertificateEntry("trusted-" + i, trusted[i]);
			}
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			KeyManagerFactory keyManagers = null;
			if (identity != null) {
				KeyStore keys = KeyStore.getInstance("PKCS12");
				keys.load(null, null);
				keys.setKeyEntry("identity", identity.privateKey(), PASSWORD,
						identity.chain().toArray(Certificate[]::new));
				keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(keys, PASSWORD);
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
					null);
			return context;
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot build a test SSLContext", ex);
		}
	}

}
