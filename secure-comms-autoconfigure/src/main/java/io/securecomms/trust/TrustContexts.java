package io.securecomms.trust;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.securecomms.policy.Mode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds the {@link SSLContext} of one outbound target from Spring SSL bundles: the trust
 * bundle's certificates (and the JDK's only when asked), the identity bundle's key, and a
 * {@link PolicyTrustManager}. The context follows the bundles'
 * {@link ReloadingSslMaterial current material} ({@link ReloadingSslContext}), so a
 * bundle reloaded on update reaches the new connections of every channel built here.
 */
public final class TrustContexts {

	private final SslBundles bundles;

	private final Mode mode;

	private final ReloadingSslMaterial material;

	public TrustContexts(SslBundles bundles, Mode mode) {
		this.bundles = bundles;
		this.mode = mode;
		this.material = ReloadingSslMaterial.of(bundles);
	}

	/**
	 * @param trustProperty the property that names the trust bundle, for the message of
	 * an untrusted certificate
	 * @throws IllegalArgumentException naming the bundle that is missing or has no trust
	 * store
	 */
	public SSLContext create(ClientTls tls, PolicyTrustManager.TrustWarnings warnings, String trustProperty) {
		try {
			if (tls.trustBundle() == null && tls.identityBundle() == null) {
				return build(tls, null, null, warnings, trustProperty);
			}
			return ReloadingSslContext.of(() -> versions(tls), () -> build(tls,
					(tls.trustBundle() != null) ? this.material.current(this.bundles, tls.trustBundle()).bundle()
							: null,
					(tls.identityBundle() != null) ? this.material.current(this.bundles, tls.identityBundle()).bundle()
							: null,
					warnings, trustProperty));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create the client SSL context: " + ex.getMessage(), ex);
		}
	}

	/**
	 * The generations of the bundles {@code tls} uses: a new context is built when they
	 * change.
	 */
	private List<Long> versions(ClientTls tls) {
		return List.of(
				(tls.trustBundle() != null) ? this.material.current(this.bundles, tls.trustBundle()).generation() : -1L,
				(tls.identityBundle() != null) ? this.material.current(this.bundles, tls.identityBundle()).generation()
						: -1L);
	}

	private SSLContext build(ClientTls tls, @Nullable SslBundle trustBundle, @Nullable SslBundle identityBundle,
			PolicyTrustManager.TrustWarnings warnings, String trustProperty) throws GeneralSecurityException {
		KeyStore anchors = anchors(tls, trustBundle);
		KeyManager[] keyManagers = (identityBundle != null) ? identityBundle.getManagers().getKeyManagers() : null;
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers, new TrustManager[] { new PolicyTrustManager(anchors, tls.revocation(),
				SpkiPins.of(tls.pins()), tls.serverIdentities(), this.mode, warnings, trustProperty) }, null);
		return context;
	}

	private KeyStore anchors(ClientTls tls, @Nullable SslBundle trustBundle) throws GeneralSecurityException {
		try {
			KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
			anchors.load(null, null);
			if (trustBundle != null) {
				KeyStore trustStore = trustBundle.getStores().getTrustStore();
				if (trustStore == null) {
					throw new IllegalArgumentException("SSL bundle '" + tls.trustBundle() + "' has no trust store");
				}
				for (String alias : Collections.list(trustStore.aliases())) {
					Certificate certificate = trustStore.getCertificate(alias);
					if (certificate != null) {
						anchors.setCertificateEntry("bundle-" + alias, certificate);
					}
				}
			}
			if (tls.includeJdkTrust() || !tls.hasTrust()) {
				TrustManagerFactory jdk = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				jdk.init((KeyStore) null);
				int i = 0;
				for (X509Certificate certificate : ((X509TrustManager) jdk.getTrustManagers()[0])
					.getAcceptedIssuers()) {
					anchors.setCertificateEntry("jdk-" + i++, certificate);
				}
			}
			return anchors;
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
