package io.securecomms.server;

import java.security.cert.X509Certificate;

import io.securecomms.trust.CertificateIdentity;

/**
 * The name a client certificate authenticates as: its SPIFFE ID (the first SAN URI with
 * the {@code spiffe} scheme) if it has one, else its first SAN DNS name, else its subject
 * DN as RFC 2253 prints it. The same identities {@link AllowedClients} matches, so an
 * application can authorize by the name the allow-list let in.
 */
public final class ClientCertificatePrincipal {

	private ClientCertificatePrincipal() {
	}

	public static String of(X509Certificate certificate) {
		return CertificateIdentity.of(certificate).principalName();
	}

}
