package io.securecomms.metrics;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import javax.net.ssl.SSLSession;

import org.jspecify.annotations.Nullable;

/**
 * Turns what an outbound channel's TLS layer saw (the HTTP clients' strategies, the JDBC
 * socket factory) into handshake events, each failure counted once however many layers it
 * passes on its way up.
 */
public final class OutboundHandshakeObserver {

	private final HandshakeEvents events;

	private final Channel channel;

	/**
	 * Failures already counted, so that the exchange guard does not count them again on
	 * their way up.
	 */
	private final Set<Throwable> counted = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	public OutboundHandshakeObserver(HandshakeEvents events, Channel channel) {
		this.events = events;
		this.channel = channel;
	}

	public void succeeded(String peer, SSLSession session, long nanos) {
		this.events.succeeded(new HandshakeSuccess(this.channel, Direction.OUTBOUND, peer, session.getProtocol(),
				session.getCipherSuite(), Duration.ofNanos(nanos)));
	}

	/**
	 * @param presentsCertificate whether this connection offers a client certificate: a
	 * server that refuses a connection without one says "bad certificate" too, and this
	 * tells the two apart
	 */
	public void failed(String peer, String remote, Exception failure, boolean presentsCertificate) {
		FailureReason reason = HandshakeFailureClassifier.classify(failure, Direction.OUTBOUND);
		if (reason == FailureReason.CLIENT_CERT_REJECTED && !presentsCertificate) {
			reason = FailureReason.CLIENT_CERT_MISSING;
		}
		this.counted.add(failure);
		failed(peer, remote, reason, HandshakeFailure.messageOf(failure),
				ClassifiedCertificateException.chainIn(failure));
	}

	/**
	 * A handshake a TLS engine or socket of the starter's saw fail: a plaintext answer
	 * counts as {@code plaintext.refused}, anything else as a classified failure.
	 */
	public void handshakeFailed(String peer, String remote, Exception failure, boolean presentsCertificate) {
		if (HandshakeFailureClassifier.isPlaintextAnswer(failure)) {
			this.counted.add(failure);
			plaintextRefused(peer);
			return;
		}
		failed(peer, remote, failure, presentsCertificate);
	}

	public boolean alreadyCounted(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (this.counted.contains(cause)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A handshake that went through but broke a rule (soft-fail revocation, report mode).
	 */
	public void failed(String peer, String remote, FailureReason reason, @Nullable String message,
			List<X509Certificate> chain) {
		this.events.failed(new HandshakeFailure(Instant.now(), this.channel, Direction.OUTBOUND, peer, remote, reason,
				message, chain));
	}

	public void plaintextRefused(String peer) {
		this.events.plaintextRefused(this.channel, Direction.OUTBOUND, peer);
	}

}
