package io.securecomms.metrics;

import java.time.Clock;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One WARN line per failed handshake, rate-limited: channel, reason, peer, remote
 * address, the TLS implementation's message and the peer certificate when one arrived.
 */
public final class HandshakeFailureLog implements HandshakeListener {

	private static final Log logger = LogFactory.getLog(HandshakeFailureLog.class);

	private final LogRateLimiter limiter;

	private final Log log;

	public HandshakeFailureLog() {
		this(new LogRateLimiter(20, Duration.ofMinutes(1), Clock.systemUTC()), logger);
	}

	HandshakeFailureLog(LogRateLimiter limiter, Log log) {
		this.limiter = limiter;
		this.log = log;
	}

	@Override
	public void plaintextRefused(Channel channel, Direction direction, String peer) {
		LogRateLimiter.Decision decision = acquire();
		if (decision.allowed()) {
			this.log
				.warn(withSuppressed(new StringBuilder("Plaintext connection refused: channel=").append(channel.tag())
					.append(", direction=")
					.append(direction.tag())
					.append(", peer=")
					.append(peer), decision));
		}
	}

	@Override
	public void failed(HandshakeFailure failure) {
		LogRateLimiter.Decision decision = acquire();
		if (!decision.allowed()) {
			return;
		}
		StringBuilder line = new StringBuilder("TLS handshake failed: channel=").append(failure.channel().tag())
			.append(", direction=")
			.append(failure.direction().tag())
			.append(", reason=")
			.append(failure.reason().tag())
			.append(", peer=")
			.append(failure.peer())
			.append(", remote=")
			.append(failure.remoteAddress())
			.append(", message=\"")
			.append(failure.message())
			.append('"');
		if (!failure.peerCertificates().isEmpty()) {
			line.append(", peer certificate: ").append(CertificateDescription.of(failure.peerCertificates().get(0)));
		}
		this.log.warn(withSuppressed(line, decision));
	}

	private LogRateLimiter.Decision acquire() {
		return this.log.isWarnEnabled() ? this.limiter.tryAcquire() : new LogRateLimiter.Decision(false, 0);
	}

	private static StringBuilder withSuppressed(StringBuilder line, LogRateLimiter.Decision decision) {
		if (decision.suppressedBefore() > 0) {
			line.append(" (")
				.append(decision.suppressedBefore())
				.append(" earlier lines were not logged: rate limit; the meters count every event)");
		}
		return line;
	}

}
