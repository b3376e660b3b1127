package io.securecomms.metrics;

import java.security.cert.X509Certificate;

/**
 * How a certificate is named in logs and reports: enough to find it, nothing secret.
 */
public final class CertificateDescription {

	private CertificateDescription() {
	}

	public static String of(X509Certificate certificate) {
		return "subject='" + certificate.getSubjectX500Principal().getName() + "', issuer='"
				+ certificate.getIssuerX500Principal().getName() + "', serial="
				+ certificate.getSerialNumber().toString(16) + ", valid " + certificate.getNotBefore().toInstant()
				+ " to " + certificate.getNotAfter().toInstant();
	}

}
