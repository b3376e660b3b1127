package io.securecomms.client;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import javax.net.ssl.SSLSession;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.ClassifiedCertificateException;
import io.securecomms.metrics.Direction;
import io.securecomms.metrics.FailureReason;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.HandshakeFailure;
import io.securecomms.metrics.HandshakeFailureClassifier;
import io.securecomms.metrics.HandshakeSuccess;

/**
 * Turns what the HTTP client's TLS strategies saw into handshake events on the {@code http-client} channel.
 */
final class OutboundHandshakeObserver {

	private final HandshakeEvents events;

	/** Failures already counted, so that the exchange guard does not count them again on their way up. */
	private final Set<Throwable> counted = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	OutboundHandshakeObserver(HandshakeEvents events) {
		this.events = events;
	}

	void succeeded(String peer, SSLSession session, long nanos) {
		this.events.succeeded(new HandshakeSuccess(Channel.HTTP_CLIENT, Direction.OUTBOUND, peer,
				session.getProtocol(), session.getCipherSuite(), Duration.ofNanos(nanos)));
	}

	/**
	 * @param presentsCertificate whether this connection offers a client certificate: a server that refuses a
	 * connection without one says "bad certificate" too, and this tells the two apart
	 */
	void failed(String peer, String remote, Exception failure, boolean presentsCertificate) {
		FailureReason reason = HandshakeFailureClassifier.classify(failure, Direction.OUTBOUND);
		if (reason == FailureReason.CLIENT_CERT_REJECTED && !presentsCertificate) {
			reason = FailureReason.CLIENT_CERT_MISSING;
		}
		this.counted.add(failure);
		failed(peer, remote, reason, messageOf(failure), ClassifiedCertificateException.chainIn(failure));
	}

	boolean alreadyCounted(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (this.counted.contains(cause)) {
				return true;
			}
		}
		return false;
	}

	/** A handshake that went through but broke a rule (soft-fail revocation, report mode). */
	void failed(String peer, String remote, FailureReason reason, String message, List<X509Certificate> chain) {
		this.events.failed(new HandshakeFailure(Instant.now(), Channel.HTTP_CLIENT, Direction.OUTBOUND, peer, remote,
				reason, message, chain));
	}

	void plaintextRefused(String peer) {
		this.events.plaintextRefused(Channel.HTTP_CLIENT, Direction.OUTBOUND, peer);
	}

	/** The most specific message: JSSE wraps the trust manager's own words in several layers. */
	private static String messageOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ClassifiedCertificateException) {
				return cause.getMessage();
			}
		}
		return String.valueOf(failure.getMessage());
	}

}
