package io.securecomms.metrics;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.PKIXReason;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLPeerUnverifiedException;

import org.jspecify.annotations.Nullable;

/**
 * Reads the exception chain of a failed handshake and names the reason. JSSE reports most
 * failures as an {@code SSLHandshakeException} with a message and, for certificate
 * problems, a typed cause; the typed causes are checked first, the messages (stable
 * across JDK 17-25) second.
 */
public final class HandshakeFailureClassifier {

	private static final String RECEIVED_ALERT = "received fatal alert:";

	/** An alert received from the peer, as OpenSSL and BoringSSL name it. */
	private static final Pattern OPENSSL_ALERT = Pattern.compile("(?:sslv3|tlsv1|tlsv13)_alert_([a-z_]+)");

	private HandshakeFailureClassifier() {
	}

	/**
	 * Whether the peer answered a TLS hello with something that is not TLS: a plaintext
	 * server (JSSE's words for a record it cannot read, unchanged since JDK 11).
	 */
	public static boolean isPlaintextAnswer(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof javax.net.ssl.SSLException && String.valueOf(cause.getMessage())
				.toLowerCase(Locale.ROOT)
				.contains("unsupported or unrecognized ssl message")) {
				return true;
			}
		}
		return false;
	}

	public static FailureReason classify(Throwable failure, Direction direction) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			FailureReason typed = byType(cause, direction);
			if (typed != null) {
				return typed;
			}
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			FailureReason byMessage = byMessage(String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT), direction);
			if (byMessage != null) {
				return byMessage;
			}
		}
		return FailureReason.OTHER;
	}

	private static @Nullable FailureReason byType(Throwable cause, Direction direction) {
		if (cause instanceof ClassifiedCertificateException classified && classified.reason() != null) {
			return classified.reason();
		}
		if (cause instanceof CertificateExpiredException) {
			return FailureReason.CERT_EXPIRED;
		}
		if (cause instanceof CertificateNotYetValidException) {
			return FailureReason.CERT_NOT_YET_VALID;
		}
		if (cause instanceof CertPathValidatorException validation) {
			if (validation.getReason() == BasicReason.REVOKED) {
				return FailureReason.CERT_REVOKED;
			}
			if (validation.getReason() == BasicReason.UNDETERMINED_REVOCATION_STATUS) {
				return FailureReason.REVOCATION_UNKNOWN;
			}
			if (validation.getReason() == BasicReason.EXPIRED) {
				return FailureReason.CERT_EXPIRED;
			}
			if (validation.getReason() == BasicReason.NOT_YET_VALID) {
				return FailureReason.CERT_NOT_YET_VALID;
			}
			if (validation.getReason() == PKIXReason.NO_TRUST_ANCHOR) {
				return untrusted(direction);
			}
		}
		if (cause instanceof SocketTimeoutException) {
			return FailureReason.TIMEOUT;
		}
		if (cause instanceof EOFException) {
			return FailureReason.CONNECTION_CLOSED;
		}
		if (cause instanceof SSLPeerUnverifiedException && direction == Direction.OUTBOUND) {
			return FailureReason.HOSTNAME_MISMATCH;
		}
		return null;
	}

	private static @Nullable FailureReason byMessage(String message, Direction direction) {
		int alert = message.indexOf(RECEIVED_ALERT);
		if (alert >= 0) {
			return byReceivedAlert(message.substring(alert + RECEIVED_ALERT.length()).trim(), direction);
		}
		FailureReason openSsl = byOpenSslError(message, direction);
		if (openSsl != null) {
			return openSsl;
		}
		if (message.contains("protocol") && (message.contains("not enabled or supported")
				|| message.contains("not accepted") || message.contains("no appropriate protocol"))) {
			return FailureReason.PROTOCOL_VERSION;
		}
		if (message.contains("no cipher suites in common") || message.contains("no negotiable cipher suite")) {
			return FailureReason.NO_COMMON_CIPHER;
		}
		if (message.contains("empty client certificate chain")) {
			return FailureReason.CLIENT_CERT_MISSING;
		}
		// The JDK's words, then MariaDB's and MySQL Connector/J's (which check host names
		// themselves).
		if (message.contains("no subject alternative") || message.contains("doesn't match any of the subject")
				|| message.contains("ssl hostname verification failed")
				|| message.contains("server identity verification failed")) {
			return FailureReason.HOSTNAME_MISMATCH;
		}
		if (message.contains("pkix path") || message.contains("unable to find valid certification path")) {
			// Our own trust manager refused the peer's chain.
			return untrusted(direction);
		}
		if (message.contains("timed out")) {
			return FailureReason.TIMEOUT;
		}
		if (message.contains("closed") || message.contains("connection reset") || message.contains("broken pipe")
				|| message.contains("end of stream") || message.contains("eof")) {
			return FailureReason.CONNECTION_CLOSED;
		}
		return null;
	}

	/**
	 * OpenSSL's and BoringSSL's reason codes ({@code error:...:SSL
	 * routines:...:NO_SHARED_CIPHER}), as the native engines report them: an alert
	 * received from the peer ({@code SSLV3_ALERT_CERTIFICATE_UNKNOWN}) or the engine's
	 * own refusal.
	 */
	private static @Nullable FailureReason byOpenSslError(String message, Direction direction) {
		if (!message.contains("ssl routines")) {
			return null;
		}
		Matcher alert = OPENSSL_ALERT.matcher(message);
		if (alert.find()) {
			return byReceivedAlert(alert.group(1), direction);
		}
		if (message.contains("no_shared_cipher")) {
			return FailureReason.NO_COMMON_CIPHER;
		}
		if (message.contains("unsupported_protocol")) {
			return FailureReason.PROTOCOL_VERSION;
		}
		if (message.contains("peer_did_not_return_a_certificate")) {
			return FailureReason.CLIENT_CERT_MISSING;
		}
		if (message.contains("certificate_verify_failed")) {
			return untrusted(direction);
		}
		return null;
	}

	/** The peer refused the handshake and said why in a TLS alert. */
	private static @Nullable FailureReason byReceivedAlert(String alert, Direction direction) {
		boolean inbound = direction == Direction.INBOUND;
		if (alert.startsWith("protocol_version")) {
			return FailureReason.PROTOCOL_VERSION;
		}
		if (alert.startsWith("insufficient_security") || alert.startsWith("handshake_failure")) {
			// JSSE and OpenSSL servers answer an offer they share no suite (or group)
			// with this way.
			return FailureReason.NO_COMMON_CIPHER;
		}
		if (alert.startsWith("certificate_required")) {
			return inbound ? FailureReason.OTHER : FailureReason.CLIENT_CERT_MISSING;
		}
		if (alert.startsWith("certificate_expired")) {
			return inbound ? FailureReason.CERT_EXPIRED : FailureReason.CLIENT_CERT_REJECTED;
		}
		if (alert.startsWith("certificate_revoked")) {
			return inbound ? FailureReason.CERT_REVOKED : FailureReason.CLIENT_CERT_REJECTED;
		}
		if (alert.startsWith("certificate_unknown") || alert.startsWith("bad_certificate")
				|| alert.startsWith("unknown_ca") || alert.startsWith("unsupported_certificate")) {
			// Inbound: the caller did not accept our certificate. Outbound: the server
			// did not accept ours.
			return inbound ? FailureReason.CERT_UNTRUSTED : FailureReason.CLIENT_CERT_REJECTED;
		}
		return FailureReason.OTHER;
	}

	/**
	 * Inbound, the untrusted certificate is the caller's; outbound it is the server's.
	 */
	private static FailureReason untrusted(Direction direction) {
		return (direction == Direction.INBOUND) ? FailureReason.CLIENT_CERT_REJECTED : FailureReason.CERT_UNTRUSTED;
	}

}
