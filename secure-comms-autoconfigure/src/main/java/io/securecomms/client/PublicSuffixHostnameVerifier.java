package io.securecomms.client;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import org.apache.hc.client5.http.psl.DomainType;
import org.apache.hc.client5.http.psl.PublicSuffixMatcher;
import org.apache.hc.client5.http.psl.PublicSuffixMatcherLoader;
import org.apache.hc.client5.http.ssl.DefaultHostnameVerifier;
import org.apache.hc.client5.http.ssl.HttpClientHostnameVerifier;
import org.apache.hc.core5.net.InetAddressUtils;

import io.securecomms.metrics.PeerText;

/**
 * HttpClient's host name check with the public suffix list, plus the rule neither it nor
 * the JDK applies to an internal CA's certificates: a wildcard for a whole public
 * registry ({@code *.co.uk}, {@code *.com}) names no host. HttpClient 5.6 uses the list
 * only to refuse a name that is itself a public suffix, and the JDK refuses such
 * wildcards only for certificates that chain to its own CA store; a trusted internal CA
 * that issued {@code *.co.uk}, by mistake or by compromise, would otherwise speak for
 * every host under it.
 */
final class PublicSuffixHostnameVerifier implements HttpClientHostnameVerifier {

	private static final int DNS_NAME = 2;

	private final PublicSuffixMatcher publicSuffixes;

	private final DefaultHostnameVerifier verifier;

	PublicSuffixHostnameVerifier() {
		this(PublicSuffixMatcherLoader.getDefault());
	}

	PublicSuffixHostnameVerifier(PublicSuffixMatcher publicSuffixes) {
		this.publicSuffixes = publicSuffixes;
		this.verifier = new DefaultHostnameVerifier(publicSuffixes);
	}

	@Override
	public void verify(String host, X509Certificate certificate) throws SSLException {
		try {
			this.verifier.verify(host, certificate);
		}
		catch (SSLException ex) {
			// HttpClient quotes the certificate's names: the peer's text, escaped before
			// it reaches a caller.
			String message = PeerText.escape(ex.getMessage());
			throw (ex instanceof SSLPeerUnverifiedException) ? new SSLPeerUnverifiedException(message)
					: new SSLException(message);
		}
		String name = host.toLowerCase(Locale.ROOT);
		int dot = name.indexOf('.');
		if (dot < 0 || InetAddressUtils.isIPv4(name) || InetAddressUtils.isIPv6(name)) {
			return;
		}
		// Only a wildcard in the first label can match a host, so the parent domain is
		// what it covers.
		String parent = name.substring(dot + 1);
		if (isPublicSuffix(parent) && !namesExactly(certificate, name)) {
			throw new SSLPeerUnverifiedException("Certificate for <" + host + "> names it only through a wildcard "
					+ "for the public suffix '" + parent + "', which would cover every domain registered under it; "
					+ "the server needs a certificate that names its host");
		}
	}

	@Override
	public boolean verify(String host, SSLSession session) {
		try {
			Certificate[] certificates = session.getPeerCertificates();
			verify(host, (X509Certificate) certificates[0]);
			return true;
		}
		catch (SSLException | ClassCastException ex) {
			return false;
		}
	}

	/**
	 * Exactly a public suffix: one more label makes a registrable domain (unknown,
	 * internal names never do).
	 */
	private boolean isPublicSuffix(String domain) {
		return this.publicSuffixes != null && this.publicSuffixes.getDomainRoot(domain, DomainType.ICANN) == null
				&& this.publicSuffixes.getDomainRoot("x." + domain, DomainType.ICANN) != null;
	}

	private static boolean namesExactly(X509Certificate certificate, String host) {
		return dnsNames(certificate).stream().anyMatch(host::equalsIgnoreCase);
	}

	/**
	 * The DNS names, or the common name when there are none (as both checks before this
	 * one read them).
	 */
	private static List<String> dnsNames(X509Certificate certificate) {
		List<String> names = new ArrayList<>();
		try {
			if (certificate.getSubjectAlternativeNames() != null) {
				certificate.getSubjectAlternativeNames()
					.stream()
					.filter((name) -> Integer.valueOf(DNS_NAME).equals(name.get(0)))
					.forEach((name) -> names.add(String.valueOf(name.get(1))));
			}
			if (names.isEmpty()) {
				for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
					if ("CN".equalsIgnoreCase(rdn.getType())) {
						names.add(String.valueOf(rdn.getValue()));
					}
				}
			}
		}
		catch (CertificateParsingException | InvalidNameException ex) {
			// No names that can be read: none names the host exactly.
		}
		return names;
	}

}
