package io.securecomms.trust;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.metrics.FailureReason;
import io.securecomms.metrics.PeerText;
import org.jspecify.annotations.Nullable;

/**
 * Says why a server's certificate was refused in words a user understands, naming the
 * certificate and the setting that decides; the TLS implementation's own message follows
 * in brackets. Whatever the peer wrote (names, the messages that quote them) is escaped,
 * see {@link PeerText}.
 */
final class CertificateRefusals {

	private CertificateRefusals() {
	}

	static String describe(FailureReason reason, List<X509Certificate> chain, @Nullable String host, String original,
			String trustProperty) {
		if (chain.isEmpty()) {
			return PeerText.escape(original);
		}
		X509Certificate leaf = chain.get(0);
		String subject = "'" + PeerText.subjectOf(leaf) + "'";
		String why = switch (reason) {
			case CERT_EXPIRED ->
				"the server's certificate " + subject + " expired on " + leaf.getNotAfter().toInstant();
			case CERT_NOT_YET_VALID ->
				"the server's certificate " + subject + " is not valid before " + leaf.getNotBefore().toInstant();
			case CERT_UNTRUSTED ->
				"the server's certificate " + subject + " (issuer '" + PeerText.issuerOf(chain.get(chain.size() - 1))
						+ "') is not trusted: its CA is not in " + trustProperty;
			case CERT_REVOKED -> "the server's certificate " + subject + " has been revoked";
			case REVOCATION_UNKNOWN -> "the revocation status of the server's certificate " + subject
					+ " could not be fetched and revocation checking is hard-fail";
			case HOSTNAME_MISMATCH -> "the server's certificate " + subject + " is not valid for host '"
					+ PeerText.escape(host) + "': it names " + names(leaf);
			default -> null;
		};
		String said = PeerText.escape(original);
		return (why != null) ? why + " [" + said + "]" : said;
	}

	private static List<String> names(X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		try {
			if (certificate.getSubjectAlternativeNames() != null) {
				certificate.getSubjectAlternativeNames()
					.forEach((name) -> names.add(PeerText.escape(String.valueOf(name.get(1)))));
			}
		}
		catch (CertificateParsingException ex) {
			// The names stay unknown; the refusal itself stands.
		}
		return names;
	}

}
