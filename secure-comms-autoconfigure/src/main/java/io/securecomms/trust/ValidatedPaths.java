package io.securecomms.trust;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CertificateException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Finds the certification path that PKIX validates for the chain a server presented: from
 * the leaf, through the presented certificates that actually certify it, to one of the
 * trust anchors. A server may send more than its path (any certificate it likes, a pinned
 * one among them); pins and the certificate policy judge the path only, never what was
 * merely sent along.
 */
final class ValidatedPaths {

	private final Set<TrustAnchor> anchors;

	/**
	 * @param anchors the trusted certificates, the same the JDK's trust manager validates
	 * against
	 */
	ValidatedPaths(KeyStore anchors) throws GeneralSecurityException {
		this.anchors = new PKIXParameters(anchors).getTrustAnchors();
	}

	/**
	 * The path of a chain that was already accepted. Revocation is not checked again.
	 * @param presented the chain the server presented, leaf first
	 * @throws CertificateException if no path can be built: after the chain was accepted
	 * that should not happen, and the connection is refused rather than judged on what
	 * the server sent
	 */
	Path of(List<X509Certificate> presented) throws CertificateException {
		if (presented.isEmpty()) {
			throw new CertificateException("The server presented no certificate");
		}
		X509Certificate leaf = presented.get(0);
		for (TrustAnchor anchor : this.anchors) {
			if (leaf.equals(anchor.getTrustedCert())) {
				// A certificate trusted as it is (a named self-signed certificate): a
				// path of one.
				return new Path(List.of(leaf), leaf);
			}
		}
		try {
			X509CertSelector target = new X509CertSelector();
			target.setCertificate(leaf);
			PKIXBuilderParameters parameters = new PKIXBuilderParameters(this.anchors, target);
			parameters.setRevocationEnabled(false);
			parameters.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(presented)));
			PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
				.build(parameters);
			List<X509Certificate> certificates = new ArrayList<>();
			result.getCertPath()
				.getCertificates()
				.forEach((certificate) -> certificates.add((X509Certificate) certificate));
			return new Path(certificates, result.getTrustAnchor().getTrustedCert());
		}
		catch (GeneralSecurityException ex) {
			throw new CertificateException("No certification path to a trusted certificate could be built from the "
					+ "server's chain after it was accepted; refused rather than judged on what the server sent: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * A validated path.
	 *
	 * @param certificates the path, leaf first, without the trust anchor unless the leaf
	 * itself is trusted
	 * @param anchor the trusted certificate the path ends at, or {@code null} if the
	 * anchor is only a key
	 */
	record Path(List<X509Certificate> certificates, @Nullable X509Certificate anchor) {

		Path {
			certificates = List.copyOf(certificates);
		}

		/** The path's certificates and its anchor: what a pin may name. */
		List<X509Certificate> withAnchor() {
			if (this.anchor == null || this.certificates.contains(this.anchor)) {
				return this.certificates;
			}
			List<X509Certificate> all = new ArrayList<>(this.certificates);
			all.add(this.anchor);
			return all;
		}

	}

}
