package io.securecomms.trust;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Public-key pins ({@code sha256/<base64 of the SHA-256 of the SubjectPublicKeyInfo>}, as
 * in RFC 7469).
 */
public final class SpkiPins {

	static final String PREFIX = "sha256/";

	private final Set<String> pins;

	private SpkiPins(Set<String> pins) {
		this.pins = pins;
	}

	/**
	 * @throws IllegalArgumentException naming the pin that is not {@code sha256/} and 32
	 * bytes of base64
	 */
	public static SpkiPins of(List<String> pins) {
		for (String pin : pins) {
			if (!isWellFormed(pin)) {
				throw new IllegalArgumentException("'" + pin + "' is not a pin: expected sha256/ followed by the "
						+ "base64 SHA-256 of the certificate's SubjectPublicKeyInfo (44 characters)");
			}
		}
		return new SpkiPins(Set.copyOf(pins));
	}

	public static boolean isWellFormed(String pin) {
		if (!pin.startsWith(PREFIX)) {
			return false;
		}
		try {
			return Base64.getDecoder().decode(pin.substring(PREFIX.length())).length == 32;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	public boolean isEmpty() {
		return this.pins.isEmpty();
	}

	/**
	 * Whether any certificate carries a pinned key.
	 * @param path the validated certification path and its anchor: never the chain as the
	 * peer sent it, which may carry a pinned certificate that certifies nothing
	 */
	public boolean matchesAny(List<X509Certificate> path) {
		return path.stream().map(SpkiPins::pinOf).anyMatch(this.pins::contains);
	}

	public static String pinOf(X509Certificate certificate) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
			return PREFIX + Base64.getEncoder().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The certificates' pins, to show what the peer's path holds. */
	public static String describe(List<X509Certificate> chain) {
		return chain.stream().map(SpkiPins::pinOf).collect(Collectors.joining(", ", "[", "]"));
	}

}
