package io.securecomms.trust;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.security.auth.x500.X500Principal;

/**
 * What a certificate says of who presented it, read once: the subject DN (as RFC 2253
 * prints it, and canonical for comparing), the SAN DNS names and the SAN URIs. The
 * {@link IdentityPatterns} match on it and a client certificate's principal name comes
 * from it, so the two always agree. Peer text: escape before logging.
 *
 * @param subject the subject DN as RFC 2253 prints it
 * @param canonicalSubject the subject DN in RFC 2253 canonical form
 * @param dnsNames the SAN DNS names, in certificate order
 * @param uris the SAN URIs, in certificate order
 */
public record CertificateIdentity(String subject, String canonicalSubject, List<String> dnsNames, List<String> uris) {

	private static final int SAN_DNS = 2;

	private static final int SAN_URI = 6;

	public CertificateIdentity {
		dnsNames = List.copyOf(dnsNames);
		uris = List.copyOf(uris);
	}

	public static CertificateIdentity of(X509Certificate certificate) {
		X500Principal subject = certificate.getSubjectX500Principal();
		List<String> dnsNames = new ArrayList<>();
		List<String> uris = new ArrayList<>();
		for (List<?> name : subjectAlternativeNames(certificate)) {
			if (name.size() >= 2 && name.get(0) instanceof Integer type && name.get(1) instanceof String value) {
				if (type == SAN_DNS) {
					dnsNames.add(value);
				}
				else if (type == SAN_URI) {
					uris.add(value);
				}
			}
		}
		return new CertificateIdentity(subject.getName(), subject.getName(X500Principal.CANONICAL), dnsNames, uris);
	}

	/** Its SPIFFE ID if it has one, else its first SAN DNS name, else its subject DN. */
	public String principalName() {
		return this.uris.stream()
			.filter((uri) -> uri.toLowerCase(Locale.ROOT).startsWith("spiffe://"))
			.findFirst()
			.or(() -> this.dnsNames.stream().findFirst())
			.orElse(this.subject);
	}

	/**
	 * The identity as the patterns write it: {@code dn:...}, then {@code dns:...} and
	 * {@code uri:...} for each name (not escaped).
	 */
	public String describe() {
		StringBuilder description = new StringBuilder("dn:").append(this.subject);
		this.dnsNames.forEach((name) -> description.append(", dns:").append(name));
		this.uris.forEach((uri) -> description.append(", uri:").append(uri));
		return description.toString();
	}

	private static Collection<List<?>> subjectAlternativeNames(X509Certificate certificate) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			return (names != null) ? names : List.of();
		}
		catch (CertificateParsingException ex) {
			// Unreadable names match nothing; the subject still can.
			return List.of();
		}
	}

}
