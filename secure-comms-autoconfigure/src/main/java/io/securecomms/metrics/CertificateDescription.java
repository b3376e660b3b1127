package io.securecomms.metrics;

import java.security.cert.X509Certificate;

/**
 * How a certificate is named in logs and reports: enough to find it, nothing secret, no
 * control characters.
 */
public final class CertificateDescription {

	private CertificateDescription() {
	}

	public static String of(X509Certificate certificate) {
		return "subject='" + PeerText.subjectOf(certificate) + "', issuer='" + PeerText.issuerOf(certificate)
				+ "', serial=" + certificate.getSerialNumber().toString(16) + ", valid "
				+ certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant();
	}

}
