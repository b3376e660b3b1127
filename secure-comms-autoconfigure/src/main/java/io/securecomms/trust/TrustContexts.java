package io.securecomms.trust;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import io.securecomms.policy.Mode;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Builds the {@link SSLContext} of one outbound target from Spring SSL bundles: the trust bundle's
 * certificates (and the JDK's only when asked), the identity bundle's key, and a {@link PolicyTrustManager}.
 * Both are read from the bundles' {@link ReloadingSslMaterial current material} on each handshake, so a bundle
 * reloaded on update reaches new connections of every channel built here.
 */
public final class TrustContexts {

	private final SslBundles bundles;

	private static final Map<SSLContext, Runnable> LISTENERS = Collections.synchronizedMap(new WeakHashMap<>());

	private final Mode mode;

	private final ReloadingSslMaterial material;

	public TrustContexts(SslBundles bundles, Mode mode) {
		this.bundles = bundles;
		this.mode = mode;
		this.material = ReloadingSslMaterial.of(bundles);
	}

	/**
	 * @param trustProperty the property that names the trust bundle, for the message of an untrusted certificate
	 * @throws IllegalArgumentException naming the bundle that is missing or has no trust store
	 */
	public SSLContext create(ClientTls tls, PolicyTrustManager.TrustWarnings warnings, String trustProperty) {
		try {
			PolicyTrustManager.TrustWarnings checked = warnings;
			ReloadingManagers.TrustFactory trust = (trustBundle) -> new PolicyTrustManager(anchors(tls, trustBundle),
					tls.revocation(), SpkiPins.of(tls.pins()), this.mode, checked, trustProperty);
			TrustManager trustManager = (tls.trustBundle() != null)
					? new ReloadingManagers.TrustManagers(this.material, this.bundles, tls.trustBundle(), trust)
					: trust.create(null);
			KeyManager[] keyManagers = (tls.identityBundle() != null) ? new KeyManager[] {
					new ReloadingManagers.KeyManagers(this.material, this.bundles, tls.identityBundle()) } : null;
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, new TrustManager[] { trustManager }, null);
			if (keyManagers != null || tls.trustBundle() != null) {
				// A resumed session would present the old certificate again: new connections after a reload
				// make a full handshake. The listener lives as long as the context (the weak map's value refers
				// only to its session cache, never to the context), the material holds it weakly.
				SSLSessionContext sessions = context.getClientSessionContext();
				Runnable forgetSessions = () -> forgetSessions(sessions);
				this.material.onSwap(forgetSessions);
				LISTENERS.put(context, forgetSessions);
			}
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot create the client SSL context: " + ex.getMessage(), ex);
		}
	}

	private static void forgetSessions(SSLSessionContext sessions) {
		for (byte[] id : Collections.list(sessions.getIds())) {
			SSLSession session = sessions.getSession(id);
			if (session != null) {
				session.invalidate();
			}
		}
	}

	private KeyStore anchors(ClientTls tls, SslBundle trustBundle) throws GeneralSecurityException {
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
				for (X509Certificate certificate : ((X509TrustManager) jdk.getTrustManagers()[0]).getAcceptedIssuers()) {
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
