package io.securecomms.server;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.ClassifiedCertificateException;
import io.securecomms.metrics.Direction;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.HandshakeFailure;
import io.securecomms.metrics.HandshakeFailureClassifier;
import io.securecomms.metrics.HandshakeSuccess;
import io.securecomms.metrics.ObservedSslEngine;
import org.jspecify.annotations.Nullable;

/**
 * Turns what an {@link ObservedSslEngine} saw into handshake events for one listening
 * channel. Callers are always tagged {@code peer=client}: their addresses go to the log,
 * never to a tag. One observation path for every web server: Tomcat's and Reactor Netty's
 * engines report here alike.
 */
public final class InboundHandshakeObserver implements ObservedSslEngine.Outcome {

	static final String CLIENT_PEER = "client";

	/** The caller's address when it cannot be told. */
	public static final String UNKNOWN_REMOTE = "unknown";

	private final Channel channel;

	private final HandshakeEvents events;

	private final Function<SSLEngine, String> remoteAddresses;

	public InboundHandshakeObserver(Channel channel, HandshakeEvents events,
			Function<SSLEngine, String> remoteAddresses) {
		this.channel = channel;
		this.events = events;
		this.remoteAddresses = remoteAddresses;
	}

	/** A caller's address as the failure log shows it: {@code ip:port}. */
	public static String describe(@Nullable SocketAddress address) {
		if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
			return inet.getAddress().getHostAddress() + ":" + inet.getPort();
		}
		return (address != null) ? address.toString() : UNKNOWN_REMOTE;
	}

	@Override
	public void succeeded(SSLSession session, long nanos) {
		this.events.succeeded(new HandshakeSuccess(this.channel, Direction.INBOUND, CLIENT_PEER, session.getProtocol(),
				session.getCipherSuite(), Duration.ofNanos(nanos)));
	}

	@Override
	public void failed(SSLEngine engine, Exception failure, @Nullable SSLSession handshakeSession) {
		this.events.failed(new HandshakeFailure(Instant.now(), this.channel, Direction.INBOUND, CLIENT_PEER,
				this.remoteAddresses.apply(engine), HandshakeFailureClassifier.classify(failure, Direction.INBOUND),
				HandshakeFailure.messageOf(failure), peerCertificates(failure, handshakeSession)));
	}

	/**
	 * The caller's chain from the handshake session, or, when the session does not hold
	 * it yet (our trust manager refused it), from the refusal.
	 */
	private static List<X509Certificate> peerCertificates(Exception failure, @Nullable SSLSession session) {
		List<X509Certificate> fromSession = peerCertificates(session);
		return fromSession.isEmpty() ? ClassifiedCertificateException.chainIn(failure) : fromSession;
	}

	private static List<X509Certificate> peerCertificates(@Nullable SSLSession session) {
		if (session == null) {
			return List.of();
		}
		try {
			Certificate[] certificates = session.getPeerCertificates();
			return Arrays.stream(certificates)
				.filter(X509Certificate.class::isInstance)
				.map(X509Certificate.class::cast)
				.toList();
		}
		catch (SSLPeerUnverifiedException | UnsupportedOperationException ex) {
			return List.of();
		}
	}

}
