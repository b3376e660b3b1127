package io.securecomms.metrics;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A failed handshake.
 *
 * @param time when it failed
 * @param channel the channel
 * @param direction who connected
 * @param peer the bounded peer name (a target name, {@code host:port}, or {@code client})
 * @param remoteAddress the remote socket address as far as it is known (for logs, never a
 * tag)
 * @param reason the classified reason
 * @param message the TLS implementation's own message (control characters escaped, see
 * {@link PeerText})
 * @param peerCertificates the certificates the peer presented, leaf first, if any arrived
 */
public record HandshakeFailure(Instant time, Channel channel, Direction direction, String peer, String remoteAddress,
		FailureReason reason, @Nullable String message, List<X509Certificate> peerCertificates) {

	public HandshakeFailure {
		// Every listener (the log, the posture report) gets the peer's text escaped: it
		// is escaped here, once.
		peer = PeerText.escape(peer);
		remoteAddress = PeerText.escape(remoteAddress);
		message = PeerText.escape(message);
		peerCertificates = List.copyOf(peerCertificates);
	}

	/**
	 * The most specific message of a failed handshake: JSSE wraps the trust manager's own
	 * words in several layers, the native engine in its own ("General OpenSslEngine
	 * problem"), and drivers wrap the TLS failure in words of their own ("Communications
	 * link failure").
	 */
	public static String messageOf(Throwable failure) {
		Throwable tls = null;
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ClassifiedCertificateException) {
				return String.valueOf(cause.getMessage());
			}
			if ((tls == null || isNativeEnginesWrapper(tls)) && (cause instanceof javax.net.ssl.SSLException
					|| cause instanceof java.security.cert.CertificateException)) {
				tls = cause;
			}
		}
		return String.valueOf(((tls != null) ? tls : failure).getMessage());
	}

	/** Netty's OpenSSL engine says nothing of its own when a callback failed. */
	private static boolean isNativeEnginesWrapper(Throwable failure) {
		return "General OpenSslEngine problem".equals(failure.getMessage()) && failure.getCause() != null;
	}

}
