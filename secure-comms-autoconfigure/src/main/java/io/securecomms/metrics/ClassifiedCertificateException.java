package io.securecomms.metrics;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A refused peer certificate whose reason is already known, carrying the chain so that
 * the failure log can name the certificate that was refused.
 */
public class ClassifiedCertificateException extends CertificateException {

	private final transient @Nullable FailureReason reason;

	private final transient List<X509Certificate> chain;

	public ClassifiedCertificateException(@Nullable FailureReason reason, @Nullable String message,
			@Nullable Throwable cause, List<X509Certificate> chain) {
		// The message quotes the peer's certificate: it reaches the caller's exception
		// and the logs escaped.
		super(PeerText.escape(message), cause);
		this.reason = reason;
		this.chain = List.copyOf(chain);
	}

	/** The reason, or {@code null} to let the classifier read it from the cause. */
	public @Nullable FailureReason reason() {
		return this.reason;
	}

	public List<X509Certificate> chain() {
		return this.chain;
	}

	/**
	 * The chain carried by the first {@link ClassifiedCertificateException} in
	 * {@code failure}'s causes.
	 */
	public static List<X509Certificate> chainIn(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ClassifiedCertificateException classified) {
				return classified.chain;
			}
		}
		return List.of();
	}

}
