package io.securecomms.server.stapling;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import io.securecomms.server.stapling.StapleOutcome.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Asks a listener's OCSP responder for its certificate's status the way the JDK's server
 * does before it staples: the leaf only, OCSP only (a staple is an OCSP response), the
 * request naming the chain's issuer, the responder from the certificate unless
 * {@code jdk.tls.stapling.responderURI} / {@code responderOverride} say otherwise. The
 * JDK's own PKIX validator does the asking and checks the answer's signature.
 * <p>
 * The JDK's OCSP client waits {@code com.sun.security.ocsp.timeout} (15 s by default) for
 * a responder that does not answer; the server waits
 * {@code jdk.tls.stapling.responseTimeout} (5 s). Either way, no staple.
 */
public final class StapleProbe {

	private final Function<String, @Nullable String> properties;

	/** A probe reading the JDK's stapling settings from the system properties. */
	public StapleProbe() {
		this(System::getProperty);
	}

	/**
	 * @param properties where {@code jdk.tls.stapling.*} is read
	 */
	public StapleProbe(Function<String, @Nullable String> properties) {
		this.properties = properties;
	}

	/**
	 * @param chain the listener's chain, leaf first
	 */
	public StapleOutcome probe(List<X509Certificate> chain) {
		if (chain.isEmpty()) {
			return StapleOutcome.unavailable(Reason.OTHER, null, "the listener's certificate cannot be read");
		}
		X509Certificate leaf = chain.get(0);
		String responder = StapleResponder.of(leaf, this.properties);
		if (chain.size() < 2) {
			return StapleOutcome.unavailable(Reason.NO_ISSUER, responder,
					"the listener's chain holds no issuer certificate, and an OCSP request must name the issuer: "
							+ "put the issuing CA's certificate after the server's in its key store or PEM file");
		}
		if (responder == null) {
			return StapleOutcome.unavailable(Reason.NO_RESPONDER, null,
					"the certificate names no OCSP responder (Authority Information Access) and "
							+ StapleResponder.RESPONDER_URI + " is not set");
		}
		try {
			validate(leaf, chain.get(1), URI.create(responder));
			return StapleOutcome.good(responder);
		}
		catch (CertPathValidatorException ex) {
			return classify(ex, responder);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return StapleOutcome.unavailable(Reason.OTHER, responder, describe(ex));
		}
	}

	private static void validate(X509Certificate leaf, X509Certificate issuer, URI responder)
			throws GeneralSecurityException {
		CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
		CertPathValidator validator = CertPathValidator.getInstance("PKIX");
		PKIXRevocationChecker checker = (PKIXRevocationChecker) validator.getRevocationChecker();
		checker.setOptions(
				EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY, PKIXRevocationChecker.Option.NO_FALLBACK));
		checker.setOcspResponder(responder);
		PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(issuer, null)));
		// The checker below does the revocation checking, whatever this flag says.
		parameters.setRevocationEnabled(false);
		parameters.addCertPathChecker(checker);
		validator.validate(path, parameters);
	}

	/**
	 * What a failed validation means for the staple: revoked, the responder unreachable
	 * (a network error), or anything else (an unknown status, a malformed or wrongly
	 * signed answer, an HTTP error, a certificate the JDK would not accept).
	 */
	static StapleOutcome classify(CertPathValidatorException ex, String responder) {
		if (ex.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
			return StapleOutcome.revoked(responder, describe(ex));
		}
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketException || cause instanceof InterruptedIOException
					|| cause instanceof UnknownHostException) {
				return StapleOutcome.unavailable(Reason.UNREACHABLE, responder, describe(ex));
			}
			if (cause == cause.getCause()) {
				break;
			}
		}
		return StapleOutcome.unavailable(Reason.OTHER, responder, describe(ex));
	}

	/** The exception's message and its causes', each once. */
	static String describe(Throwable ex) {
		StringBuilder description = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String text = cause.getMessage();
			String message = (cause instanceof IOException || text == null)
					? cause.getClass().getSimpleName() + ((text != null) ? ": " + text : "") : text;
			if (description.indexOf(message) < 0) {
				description.append((description.length() > 0) ? ": " : "").append(message);
			}
		}
		return description.toString();
	}

}
