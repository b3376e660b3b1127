package io.securecomms.policy;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Holds certificates to the policy: RSA/DSA keys of at least 2048 bits, EC keys of at
 * least 256 bits, signatures with SHA-256 or better, whatever the JVM's own constraints
 * accept.
 */
public final class CertificatePolicy {

	static final int MIN_RSA_BITS = 2048;

	static final int MIN_EC_BITS = 256;

	private static final String FIX = "Issue a new certificate with an RSA key of at least 2048 bits or an EC key "
			+ "of at least 256 bits, signed with SHA-256 or better";

	private CertificatePolicy() {
	}

	/**
	 * @param property the property that names where the chain comes from
	 * @param chain a certificate chain, leaf first
	 * @return one violation per weakness found
	 */
	public static List<Violation> check(String property, List<X509Certificate> chain) {
		List<Violation> violations = new ArrayList<>();
		for (int i = 0; i < chain.size(); i++) {
			X509Certificate certificate = chain.get(i);
			// A trust anchor's own signature is never verified, so it cannot weaken the
			// chain.
			judge(property, certificate, !(i > 0 && isSelfSigned(certificate)), violations);
		}
		return violations;
	}

	/**
	 * Judges a certification path that PKIX validated, rather than whatever a peer sent
	 * along with it.
	 * @param property the property that names where the path comes from
	 * @param path the validated path, leaf first; it holds the anchor only when the leaf
	 * itself is trusted
	 * @param anchor the trusted certificate the path ends at, or {@code null}: its key
	 * signs the path and is judged, its own signature is never verified and is not
	 * @return one violation per weakness found
	 */
	public static List<Violation> checkPath(String property, List<X509Certificate> path,
			@Nullable X509Certificate anchor) {
		List<Violation> violations = new ArrayList<>();
		for (X509Certificate certificate : path) {
			judge(property, certificate, true, violations);
		}
		if (anchor != null && !path.contains(anchor)) {
			judge(property, anchor, false, violations);
		}
		return violations;
	}

	private static void judge(String property, X509Certificate certificate, boolean signature,
			List<Violation> violations) {
		String subject = certificate.getSubjectX500Principal().getName();
		keyWeakness(certificate.getPublicKey())
			.ifPresent((problem) -> violations.add(Violation.insecure(property, subject, problem, FIX)));
		if (signature) {
			signatureWeakness(certificate.getSigAlgName())
				.ifPresent((problem) -> violations.add(Violation.insecure(property, subject, problem, FIX)));
		}
	}

	/** Why the key is too weak, or empty. */
	public static Optional<String> keyWeakness(PublicKey key) {
		if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
			return Optional
				.of("RSA key of " + rsa.getModulus().bitLength() + " bits (at least " + MIN_RSA_BITS + " required)");
		}
		if (key instanceof DSAPublicKey dsa && dsa.getParams().getP().bitLength() < MIN_RSA_BITS) {
			return Optional.of("DSA key of " + dsa.getParams().getP().bitLength() + " bits (at least " + MIN_RSA_BITS
					+ " required)");
		}
		if (key instanceof ECPublicKey ec && ec.getParams().getOrder().bitLength() < MIN_EC_BITS) {
			return Optional.of("EC key of " + ec.getParams().getOrder().bitLength() + " bits (at least " + MIN_EC_BITS
					+ " required)");
		}
		return Optional.empty();
	}

	/** Why the signature algorithm is too weak, or empty. */
	public static Optional<String> signatureWeakness(String signatureAlgorithm) {
		String name = signatureAlgorithm.toUpperCase(Locale.ROOT);
		if (name.startsWith("MD2") || name.startsWith("MD5")) {
			return Optional.of("signed with " + signatureAlgorithm + " (MD5 is broken)");
		}
		if (name.startsWith("SHA1") || name.startsWith("SHA-1") || name.equals("SHAWITHDSA")) {
			return Optional.of("signed with " + signatureAlgorithm + " (SHA-1 is broken, SHA-256 or better required)");
		}
		return Optional.empty();
	}

	private static boolean isSelfSigned(X509Certificate certificate) {
		if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
			return false;
		}
		try {
			certificate.verify(certificate.getPublicKey());
			return true;
		}
		catch (Exception ex) {
			return false;
		}
	}

}
