package io.securecomms.trust;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.util.Collections;
import java.util.Optional;

import io.securecomms.metrics.PeerText;
import io.securecomms.policy.CertificatePolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;

/**
 * Whether a reloaded SSL bundle may replace the one in use: each private key matches its
 * certificate, the certificates' keys meet the policy
 * ({@link CertificatePolicy#keyWeakness}), and a store the bundle had is still there.
 * Boot itself keeps the previous bundle only when the new files cannot be read at all.
 */
final class BundleValidation {

	private BundleValidation() {
	}

	/** What is wrong with {@code replacement}, or empty when it may be used. */
	static Optional<String> problem(SslBundle previous, SslBundle replacement) {
		try {
			KeyStore keyStore = replacement.getStores().getKeyStore();
			KeyStore trustStore = replacement.getStores().getTrustStore();
			if (keyStore == null && previous.getStores().getKeyStore() != null) {
				return Optional.of("it has no key store any more");
			}
			if (trustStore == null && previous.getStores().getTrustStore() != null) {
				return Optional.of("it has no trust store any more");
			}
			if (keyStore != null) {
				Optional<String> problem = keyProblem(keyStore, replacement.getStores().getKeyStorePassword(),
						replacement.getKey().getPassword());
				if (problem.isPresent()) {
					return problem;
				}
			}
			if (trustStore != null) {
				for (String alias : Collections.list(trustStore.aliases())) {
					if (trustStore.getCertificate(alias) instanceof X509Certificate certificate) {
						Optional<String> weakness = CertificatePolicy.keyWeakness(certificate.getPublicKey());
						if (weakness.isPresent()) {
							return Optional.of("trusted certificate '" + PeerText.subjectOf(certificate) + "' has a "
									+ weakness.get());
						}
					}
				}
				if (!trustStore.aliases().hasMoreElements()) {
					return Optional.of("its trust store is empty");
				}
			}
			return Optional.empty();
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return Optional.of("it cannot be read (" + PeerText.escape(String.valueOf(ex.getMessage())) + ")");
		}
	}

	private static Optional<String> keyProblem(KeyStore keyStore, @Nullable String storePassword,
			@Nullable String keyPassword) throws GeneralSecurityException {
		boolean anyKey = false;
		for (String alias : Collections.list(keyStore.aliases())) {
			if (!keyStore.isKeyEntry(alias)) {
				continue;
			}
			anyKey = true;
			Certificate certificate = keyStore.getCertificate(alias);
			if (!(certificate instanceof X509Certificate x509)) {
				return Optional.of("key '" + PeerText.escape(alias) + "' has no X.509 certificate");
			}
			Optional<String> weakness = CertificatePolicy.keyWeakness(x509.getPublicKey());
			if (weakness.isPresent()) {
				return Optional.of("certificate '" + PeerText.subjectOf(x509) + "' has a " + weakness.get());
			}
			Key key = keyStore.getKey(alias, password(keyPassword, storePassword));
			if (!(key instanceof PrivateKey privateKey) || !matches(privateKey, x509.getPublicKey())) {
				return Optional.of("the private key does not match certificate '" + PeerText.subjectOf(x509) + "'");
			}
		}
		return anyKey ? Optional.empty() : Optional.of("its key store holds no private key");
	}

	private static char[] password(@Nullable String keyPassword, @Nullable String storePassword) {
		String password = (keyPassword != null) ? keyPassword : storePassword;
		return (password != null) ? password.toCharArray() : new char[0];
	}

	/**
	 * Signs a random challenge with the key and verifies it with the certificate's public
	 * key.
	 */
	static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
		if (!privateKey.getAlgorithm().equals(publicKey.getAlgorithm())
				&& !(privateKey instanceof ECKey && publicKey instanceof ECKey)) {
			return false;
		}
		String algorithm = switch (publicKey.getAlgorithm()) {
			case "RSA" -> "SHA256withRSA";
			case "EC" -> "SHA256withECDSA";
			case "RSASSA-PSS" -> "RSASSA-PSS";
			case "DSA" -> "SHA256withDSA";
			default -> publicKey.getAlgorithm();
		};
		try {
			byte[] challenge = new byte[32];
			new SecureRandom().nextBytes(challenge);
			Signature signer = Signature.getInstance(algorithm);
			if ("RSASSA-PSS".equals(algorithm)) {
				signer.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
						java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
			}
			signer.initSign(privateKey);
			signer.update(challenge);
			byte[] signature = signer.sign();
			Signature verifier = Signature.getInstance(algorithm);
			if ("RSASSA-PSS".equals(algorithm)) {
				verifier.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
						java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
			}
			verifier.initVerify(publicKey);
			verifier.update(challenge);
			return verifier.verify(signature);
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

}
