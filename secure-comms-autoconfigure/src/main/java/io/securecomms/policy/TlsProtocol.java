package io.securecomms.policy;

import java.util.Map;
import java.util.Optional;

/**
 * Names and weaknesses of TLS protocol versions, as JSSE spells them.
 */
public final class TlsProtocol {

	public static final String TLS_1_3 = "TLSv1.3";

	public static final String TLS_1_2 = "TLSv1.2";

	private static final Map<String, String> WEAK = Map.of("SSLv2Hello",
			"SSLv2Hello is an SSL 2.0 compatible handshake format", "SSLv2", "SSL 2.0 is broken (RFC 6176)", "SSLv3",
			"SSL 3.0 is broken (POODLE, RFC 7568)", "TLSv1", "TLS 1.0 is deprecated (RFC 8996)", "TLSv1.1",
			"TLS 1.1 is deprecated (RFC 8996)");

	private TlsProtocol() {
	}

	/** Why {@code protocol} must not be used, or empty if it is TLS 1.2 or later. */
	public static Optional<String> weakness(String protocol) {
		return Optional.ofNullable(WEAK.get(protocol));
	}

	public static boolean isTls13Suite(String cipherSuite) {
		// TLS 1.3 suites name neither key exchange nor authentication: TLS_<AEAD>_<HASH>.
		return cipherSuite.startsWith("TLS_") && !cipherSuite.contains("_WITH_") && !cipherSuite.endsWith("_SCSV");
	}

}
