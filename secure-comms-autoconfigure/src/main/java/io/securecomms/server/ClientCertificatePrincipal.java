package io.securecomms.server;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The name a client certificate authenticates as: its SPIFFE ID (the first SAN URI with
 * the {@code spiffe} scheme) if it has one, else its first SAN DNS name, else its subject
 * DN as RFC 2253 prints it. The same identities {@link AllowedClients} matches, so an
 * application can authorize by the name the allow-list let in.
 */
public final class ClientCertificatePrincipal {

	private static final int SAN_DNS = 2;

	private static final int SAN_URI = 6;

	private ClientCertificatePrincipal() {
	}

	public static String of(X509Certificate certificate) {
		String dns = null;
		for (List<?> name : subjectAlternativeNames(certificate)) {
			if (name.size() < 2 || !(name.get(0) instanceof Integer type) || !(name.get(1) instanceof String value)) {
				continue;
			}
			if (type == SAN_URI && value.toLowerCase(Locale.ROOT).startsWith("spiffe://")) {
				return value;
			}
			if (type == SAN_DNS && dns == null) {
				dns = value;
			}
		}
		return (dns != null) ? dns : certificate.getSubjectX500Principal().getName();
	}

	private static Collection<List<?>> subjectAlternativeNames(X509Certificate certificate) {
		try {
			@Nullable Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			return (names != null) ? names : List.of();
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
	}

}
