package io.securecomms.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * Tells why a cipher suite is weak, whatever the running JVM would accept.
 */
public final class CipherSuiteStrength {

	private CipherSuiteStrength() {
	}

	/**
	 * @param suite a JSSE (IANA) cipher suite name
	 * @return the reason the suite is weak, or empty when it is an AEAD suite with
	 * forward secrecy
	 */
	public static Optional<String> weakness(String suite) {
		String name = suite.toUpperCase(Locale.ROOT);
		if (name.contains("_NULL_") || name.endsWith("_NULL")) {
			return Optional.of("it does not encrypt (NULL)");
		}
		if (name.contains("_ANON_")) {
			return Optional.of("it does not authenticate the server (anon)");
		}
		if (name.contains("EXPORT")) {
			return Optional.of("it is an EXPORT suite with a crippled key");
		}
		if (name.contains("_RC4_")) {
			return Optional.of("RC4 is broken (RFC 7465)");
		}
		if (name.contains("_DES_") || name.contains("3DES") || name.contains("DES40") || name.contains("DES_EDE")) {
			return Optional.of("DES/3DES has a 64-bit block (SWEET32)");
		}
		if (name.endsWith("_MD5")) {
			return Optional.of("MD5 is broken");
		}
		if (name.startsWith("TLS_RSA_") || name.startsWith("SSL_RSA_") || name.startsWith("TLS_PSK_")
				|| name.startsWith("TLS_ECDH_") || name.startsWith("TLS_DH_")) {
			return Optional.of("it has no forward secrecy (static key exchange)");
		}
		if (name.contains("_CBC_")) {
			return Optional.of("CBC mode is not AEAD (Lucky13, padding oracles)");
		}
		if (name.startsWith("SSL_") || name.startsWith("TLS_EMPTY_RENEGOTIATION_INFO")) {
			return Optional.of("it is not a TLS 1.2+ suite");
		}
		if (!name.contains("_GCM_") && !name.contains("_CHACHA20_POLY1305_") && !name.contains("_CCM")) {
			return Optional.of("it is not an AEAD suite");
		}
		return Optional.empty();
	}

}
