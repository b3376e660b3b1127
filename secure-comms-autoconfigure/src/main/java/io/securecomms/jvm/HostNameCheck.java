package io.securecomms.jvm;

import java.net.IDN;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * The host name check of RFC 6125 / RFC 2818 as {@code HttpsURLConnection}'s default
 * verifier: the name must be one of the certificate's DNS subject alternative names (a
 * wildcard only as the whole left-most label, matching one label), an IP address one of
 * its IP address names. The common name is never used. The JDK asks the default verifier
 * only about a connection whose own check failed, or code asks it directly: it never lets
 * through what the certificate does not name.
 */
final class HostNameCheck implements HostnameVerifier {

	private static final int DNS_NAME = 2;

	private static final int IP_ADDRESS = 7;

	@Override
	public boolean verify(String host, SSLSession session) {
		try {
			Certificate[] chain = session.getPeerCertificates();
			return chain.length > 0 && chain[0] instanceof X509Certificate leaf && matches(host, leaf);
		}
		catch (SSLPeerUnverifiedException ex) {
			return false;
		}
	}

	static boolean matches(String host, X509Certificate certificate) {
		if (host == null || host.isEmpty()) {
			return false;
		}
		Collection<List<?>> names;
		try {
			names = certificate.getSubjectAlternativeNames();
		}
		catch (CertificateParsingException ex) {
			return false;
		}
		if (names == null) {
			return false;
		}
		String name = strip(host);
		boolean literal = isIpLiteral(name);
		for (List<?> entry : names) {
			int type = (Integer) entry.get(0);
			String value = String.valueOf(entry.get(1));
			if (literal ? (type == IP_ADDRESS && sameAddress(name, value))
					: (type == DNS_NAME && dnsMatches(normalize(name), normalize(value)))) {
				return true;
			}
		}
		return false;
	}

	private static String strip(String host) {
		String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	private static String normalize(String name) {
		String stripped = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
		try {
			return IDN.toASCII(stripped, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
		}
		catch (IllegalArgumentException ex) {
			return stripped.toLowerCase(Locale.ROOT);
		}
	}

	private static boolean isIpLiteral(String name) {
		return name.contains(":") || name.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}");
	}

	private static boolean sameAddress(String host, String name) {
		try {
			// Both are literals: no name is resolved.
			return InetAddress.getByName(host).equals(InetAddress.getByName(name));
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static boolean dnsMatches(String host, String pattern) {
		if (!pattern.startsWith("*.")) {
			return host.equals(pattern);
		}
		String suffix = pattern.substring(1);
		// "*.example.com": one label, and never a wildcard over a single label ("*.com").
		if (suffix.indexOf('.', 1) < 0 || !host.endsWith(suffix)) {
			return false;
		}
		String label = host.substring(0, host.length() - suffix.length());
		return !label.isEmpty() && label.indexOf('.') < 0;
	}

}
