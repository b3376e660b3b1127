package io.securecomms.server.stapling;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The OCSP responder the JDK's server asks for a certificate's staple
 * ({@code sun.security.ssl.StatusResponseManager}): the one the certificate names in its
 * Authority Information Access extension, else {@code jdk.tls.stapling.responderURI};
 * with {@code jdk.tls.stapling.responderOverride=true}, that URI in every case.
 */
final class StapleResponder {

	static final String RESPONDER_URI = "jdk.tls.stapling.responderURI";

	static final String RESPONDER_OVERRIDE = "jdk.tls.stapling.responderOverride";

	private static final String AUTHORITY_INFO_ACCESS = "1.3.6.1.5.5.7.1.1";

	/** The DER content of the OID 1.3.6.1.5.5.7.48.1 (id-ad-ocsp). */
	private static final byte[] ID_AD_OCSP = { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01 };

	private StapleResponder() {
	}

	/**
	 * @param properties the system properties ({@code System::getProperty})
	 * @return the responder's URL, or {@code null} when there is none to ask
	 */
	static @Nullable String of(X509Certificate certificate, Function<String, @Nullable String> properties) {
		String configured = properties.apply(RESPONDER_URI);
		boolean hasConfigured = configured != null && !configured.isBlank();
		if (hasConfigured && Boolean.parseBoolean(properties.apply(RESPONDER_OVERRIDE))) {
			return configured.trim();
		}
		String named = named(certificate);
		if (named != null) {
			return named;
		}
		return hasConfigured ? configured.trim() : null;
	}

	/**
	 * The first OCSP responder URL the certificate's Authority Information Access
	 * extension names, or {@code null}.
	 */
	static @Nullable String named(X509Certificate certificate) {
		byte[] extension = certificate.getExtensionValue(AUTHORITY_INFO_ACCESS);
		if (extension == null) {
			return null;
		}
		try {
			// OCTET STRING { SEQUENCE OF SEQUENCE { OID accessMethod, GeneralName } }
			Der octets = Der.read(extension, 0, 0x04);
			Der descriptions = Der.read(extension, octets.start(), 0x30);
			int position = descriptions.start();
			while (position < descriptions.end()) {
				Der description = Der.read(extension, position, 0x30);
				Der method = Der.read(extension, description.start(), 0x06);
				Der location = Der.read(extension, method.end(), -1);
				// [6] IMPLICIT IA5String: uniformResourceIdentifier
				if (location.tag() == 0x86
						&& Arrays.equals(extension, method.start(), method.end(), ID_AD_OCSP, 0, ID_AD_OCSP.length)) {
					return new String(extension, location.start(), location.end() - location.start(),
							StandardCharsets.US_ASCII);
				}
				position = description.end();
			}
			return null;
		}
		catch (IllegalArgumentException | IndexOutOfBoundsException ex) {
			return null;
		}
	}

	/**
	 * One DER element: its tag and where its content starts and ends.
	 */
	private record Der(int tag, int start, int end) {

		/**
		 * @param expectedTag the tag it must have, or {@code -1} for any
		 */
		static Der read(byte[] der, int offset, int expectedTag) {
			int tag = der[offset] & 0xFF;
			if (expectedTag >= 0 && tag != expectedTag) {
				throw new IllegalArgumentException("Unexpected DER tag " + tag);
			}
			int first = der[offset + 1] & 0xFF;
			int start = offset + 2;
			int length;
			if (first < 0x80) {
				length = first;
			}
			else {
				int octets = first & 0x7F;
				if (octets == 0 || octets > 3) {
					throw new IllegalArgumentException("Unsupported DER length");
				}
				length = 0;
				for (int i = 0; i < octets; i++) {
					length = (length << 8) | (der[start + i] & 0xFF);
				}
				start += octets;
			}
			if (start + length > der.length) {
				throw new IllegalArgumentException("Truncated DER element");
			}
			return new Der(tag, start, start + length);
		}

	}

}
