package io.securecomms.trust;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Key and trust managers that read the bundle's {@link ReloadingSslMaterial current material} on every
 * handshake, so an SSL context built once serves the reloaded certificate and trust to new connections while
 * connections already open keep theirs.
 */
final class ReloadingManagers {

	private ReloadingManagers() {
	}

	/** Builds a trust manager from one version of the trust bundle. */
	interface TrustFactory {

		PolicyTrustManager create(SslBundle trustBundle) throws GeneralSecurityException;

	}

	/**
	 * The identity bundle's key manager of the moment. The alias it chooses carries the material's generation,
	 * so the certificate chain and the key of one handshake come from the same version even when a reload
	 * happens in between.
	 */
	static final class KeyManagers extends X509ExtendedKeyManager {

		private final ReloadingSslMaterial material;

		private final SslBundles bundles;

		private final String name;

		private volatile Versioned current;

		private volatile Versioned previous;

		KeyManagers(ReloadingSslMaterial material, SslBundles bundles, String name) {
			this.material = material;
			this.bundles = bundles;
			this.name = name;
			this.current = versioned(material.current(bundles, name));
		}

		private static Versioned versioned(ReloadingSslMaterial.Current current) {
			for (KeyManager manager : current.bundle().getManagers().getKeyManagers()) {
				if (manager instanceof X509KeyManager x509) {
					return new Versioned(current.generation(), x509);
				}
			}
			throw new IllegalStateException("The SSL bundle has no X.509 key manager");
		}

		private Versioned latest() {
			ReloadingSslMaterial.Current now = this.material.current(this.bundles, this.name);
			Versioned current = this.current;
			if (now.generation() != current.generation()) {
				synchronized (this) {
					if (now.generation() != this.current.generation()) {
						this.previous = this.current;
						this.current = versioned(now);
					}
					current = this.current;
				}
			}
			return current;
		}

		private X509KeyManager of(String alias) {
			int separator = (alias != null) ? alias.indexOf('|') : -1;
			if (separator < 0) {
				return null;
			}
			long generation = Long.parseLong(alias.substring(0, separator));
			Versioned current = this.current;
			if (current.generation() == generation) {
				return current.manager();
			}
			Versioned previous = this.previous;
			return (previous != null && previous.generation() == generation) ? previous.manager() : null;
		}

		private static String real(String alias) {
			return alias.substring(alias.indexOf('|') + 1);
		}

		private static String tagged(Versioned versioned, String alias) {
			return (alias != null) ? versioned.generation() + "|" + alias : null;
		}

		private static String[] tagged(Versioned versioned, String[] aliases) {
			if (aliases == null) {
				return null;
			}
			String[] tagged = new String[aliases.length];
			for (int i = 0; i < aliases.length; i++) {
				tagged[i] = tagged(versioned, aliases[i]);
			}
			return tagged;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			Versioned latest = latest();
			return tagged(latest, latest.manager().getClientAliases(keyType, issuers));
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			Versioned latest = latest();
			return tagged(latest, latest.manager().chooseClientAlias(keyType, issuers, socket));
		}

		@Override
		public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
			Versioned latest = latest();
			String alias = (latest.manager() instanceof X509ExtendedKeyManager extended)
					? extended.chooseEngineClientAlias(keyType, issuers, engine)
					: latest.manager().chooseClientAlias(keyType, issuers, null);
			return tagged(latest, alias);
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			X509KeyManager manager = of(alias);
			return (manager != null) ? manager.getCertificateChain(real(alias)) : null;
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			X509KeyManager manager = of(alias);
			return (manager != null) ? manager.getPrivateKey(real(alias)) : null;
		}

		private record Versioned(long generation, X509KeyManager manager) {
		}

	}

	/** A {@link PolicyTrustManager} on the trust bundle's current certificates, rebuilt after each reload. */
	static final class TrustManagers extends X509ExtendedTrustManager {

		private final ReloadingSslMaterial material;

		private final SslBundles bundles;

		private final String name;

		private final TrustFactory factory;

		private volatile Versioned current;

		TrustManagers(ReloadingSslMaterial material, SslBundles bundles, String name, TrustFactory factory)
				throws GeneralSecurityException {
			this.material = material;
			this.bundles = bundles;
			this.name = name;
			this.factory = factory;
			ReloadingSslMaterial.Current now = material.current(bundles, name);
			this.current = new Versioned(now.generation(), factory.create(now.bundle()));
		}

		private PolicyTrustManager latest() throws CertificateException {
			ReloadingSslMaterial.Current now = this.material.current(this.bundles, this.name);
			Versioned current = this.current;
			if (now.generation() == current.generation()) {
				return current.manager();
			}
			synchronized (this) {
				if (now.generation() != this.current.generation()) {
					try {
						this.current = new Versioned(now.generation(), this.factory.create(now.bundle()));
					}
					catch (GeneralSecurityException ex) {
						throw new CertificateException("Cannot use the reloaded SSL bundle '" + this.name + "': "
								+ ex.getMessage(), ex);
					}
				}
				return this.current.manager();
			}
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			latest().checkServerTrusted(chain, authType, engine);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			latest().checkServerTrusted(chain, authType, socket);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			latest().checkServerTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			latest().checkClientTrusted(chain, authType, engine);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			latest().checkClientTrusted(chain, authType, socket);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			latest().checkClientTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			try {
				return latest().getAcceptedIssuers();
			}
			catch (CertificateException ex) {
				return this.current.manager().getAcceptedIssuers();
			}
		}

		private record Versioned(long generation, PolicyTrustManager manager) {
		}

	}

}
