package io.securecomms.metrics;

import java.security.cert.X509Certificate;

import org.jspecify.annotations.Nullable;

import org.springframework.lang.Contract;

/**
 * Text that came from a peer (certificate subjects and names, host names, TLS messages
 * that quote them), made safe to log, throw and report: a control character could end a
 * log line and forge the next one, a bidi override could make a line read differently
 * from what it holds. Such characters become visible escapes ({@code \n}, {@code \r},
 * {@code \t}, {@code \}{@code uXXXX}); everything else stays as it is.
 * <p>
 * Backslashes are kept, so that escaping twice changes nothing: text may pass several
 * layers (a certificate message inside a handshake failure) and each may escape it again.
 */
public final class PeerText {

	private PeerText() {
	}

	/**
	 * @param text text from a peer, or {@code null}
	 * @return the text without control, line-separator or bidi-control characters, or
	 * {@code null}
	 */
	@Contract("!null -> !null")
	public static @Nullable String escape(@Nullable String text) {
		if (text == null || text.chars().noneMatch(PeerText::needsEscape)) {
			return text;
		}
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '\n' -> escaped.append("\\n");
				case '\r' -> escaped.append("\\r");
				case '\t' -> escaped.append("\\t");
				default -> {
					if (needsEscape(c)) {
						escaped.append(String.format("\\u%04X", (int) c));
					}
					else {
						escaped.append(c);
					}
				}
			}
		}
		return escaped.toString();
	}

	/**
	 * The certificate's subject (RFC 2253, which keeps control characters as they are),
	 * escaped.
	 */
	public static String subjectOf(X509Certificate certificate) {
		return escape(certificate.getSubjectX500Principal().getName());
	}

	/** The certificate's issuer, escaped. */
	public static String issuerOf(X509Certificate certificate) {
		return escape(certificate.getIssuerX500Principal().getName());
	}

	private static boolean needsEscape(int c) {
		return c < 0x20 || (c >= 0x7F && c <= 0x9F) // C0, DEL, C1 (NEL among them)
				|| c == '\u2028' || c == '\u2029' // line and paragraph separators
				|| c == '\u061C' || c == '\u200E' || c == '\u200F' // bidi marks
				|| (c >= '\u202A' && c <= '\u202E') // bidi embeddings and overrides
				|| (c >= '\u2066' && c <= '\u2069'); // bidi isolates
	}

}
