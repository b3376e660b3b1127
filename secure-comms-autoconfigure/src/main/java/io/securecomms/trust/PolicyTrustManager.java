package io.securecomms.trust;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXRevocationChecker;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Collectors;

import javax.net.ssl.CertPathTrustManagerParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import io.securecomms.metrics.ClassifiedCertificateException;
import io.securecomms.metrics.Direction;
import io.securecomms.metrics.HandshakeFailureClassifier;
import io.securecomms.metrics.FailureReason;
import io.securecomms.metrics.PeerText;
import io.securecomms.policy.CertificatePolicy;
import io.securecomms.policy.Mode;
import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

/**
 * Trusts a server the way the policy says: PKIX validation against the configured anchors
 * only (with the JDK's host name check, since the connection asks for it), revocation
 * checking, the certificate policy (key sizes, signature algorithms), the pins (those two
 * judge the certification path that was validated, never extra certificates the server
 * sent) and, last, the server identities the leaf must name. Every refusal carries the
 * chain and its reason.
 */
public final class PolicyTrustManager extends X509ExtendedTrustManager {

	private final X509ExtendedTrustManager checked;

	private final X509ExtendedTrustManager unchecked;

	private final ValidatedPaths paths;

	private final @Nullable RevocationMode revocation;

	private final SpkiPins pins;

	private final IdentityPatterns serverIdentities;

	private final Mode mode;

	private final TrustWarnings warnings;

	private final String trustProperty;

	/**
	 * @param trustProperty the property that names what is trusted, for the message of an
	 * untrusted certificate
	 */
	PolicyTrustManager(KeyStore anchors, @Nullable RevocationMode revocation, SpkiPins pins,
			IdentityPatterns serverIdentities, Mode mode, TrustWarnings warnings, String trustProperty)
			throws GeneralSecurityException {
		this.checked = pkix(anchors, revocation);
		this.unchecked = (revocation != RevocationMode.OFF) ? pkix(anchors, RevocationMode.OFF) : this.checked;
		this.paths = new ValidatedPaths(anchors);
		this.revocation = revocation;
		this.pins = pins;
		this.serverIdentities = serverIdentities;
		this.mode = mode;
		this.warnings = warnings;
		this.trustProperty = trustProperty;
	}

	private static X509ExtendedTrustManager pkix(KeyStore anchors, @Nullable RevocationMode revocation)
			throws GeneralSecurityException {
		PKIXBuilderParameters parameters = new PKIXBuilderParameters(anchors, new X509CertSelector());
		parameters.setRevocationEnabled(revocation != RevocationMode.OFF);
		if (revocation != RevocationMode.OFF) {
			PKIXRevocationChecker checker = (PKIXRevocationChecker) CertPathBuilder.getInstance("PKIX")
				.getRevocationChecker();
			// OCSP first, then CRL distribution points; a status that cannot be had is an
			// error here and
			// soft-fail is decided below, where it can be counted.
			checker.setOptions(EnumSet.of(PKIXRevocationChecker.Option.ONLY_END_ENTITY));
			parameters.addCertPathChecker(checker);
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
		factory.init(new CertPathTrustManagerParameters(parameters));
		return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		check(chain, (manager) -> manager.checkServerTrusted(chain, authType, engine),
				new Peer(engine.getPeerHost(), engine.getPeerPort()));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		check(chain, (manager) -> manager.checkServerTrusted(chain, authType, socket),
				new Peer(peerHost(socket), socket.getPort()));
	}

	/**
	 * The host JSSE checks the certificate against; never a reverse lookup, which would
	 * name another host in the message (an IP address the certificate does not list
	 * resolved back to one it does).
	 */
	private static @Nullable String peerHost(Socket socket) {
		if (socket instanceof SSLSocket ssl && ssl.getHandshakeSession() != null
				&& ssl.getHandshakeSession().getPeerHost() != null) {
			return ssl.getHandshakeSession().getPeerHost();
		}
		return (socket.getRemoteSocketAddress() instanceof InetSocketAddress remote) ? remote.getHostString() : null;
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		check(chain, (manager) -> manager.checkServerTrusted(chain, authType), new Peer(null, -1));
	}

	private void check(X509Certificate[] presented, Check validation, Peer peer) throws CertificateException {
		List<X509Certificate> chain = Arrays.asList(presented);
		try {
			validation.run(this.checked);
		}
		catch (CertificateException ex) {
			if (this.revocation == RevocationMode.OFF || isRevoked(ex)) {
				throw refused(ex, chain, peer);
			}
			try {
				validation.run(this.unchecked);
			}
			catch (CertificateException other) {
				throw refused(other, chain, peer);
			}
			// Valid but for its revocation status, which could not be had.
			String why = "the revocation status could not be fetched: " + rootMessage(ex);
			if (this.revocation == RevocationMode.HARD_FAIL) {
				throw new ClassifiedCertificateException(FailureReason.REVOCATION_UNKNOWN,
						CertificateRefusals.describe(FailureReason.REVOCATION_UNKNOWN, chain, peer.host(),
								rootMessage(ex), this.trustProperty),
						ex, chain);
			}
			this.warnings.accepted(FailureReason.REVOCATION_UNKNOWN, why + " (accepted: soft-fail)", chain, peer);
		}
		// The policy and the pins judge the path that was validated: a server may send
		// any certificate along.
		ValidatedPaths.Path path = validatedPath(chain);
		List<Violation> weak = CertificatePolicy.checkPath("server certificate", path.certificates(), path.anchor());
		if (!weak.isEmpty()) {
			refuseOrWarn(FailureReason.CERT_UNTRUSTED,
					"the server's certificate is weaker than the policy allows: " + weak.stream()
						.map((violation) -> violation.value() + ": " + violation.problem())
						.collect(Collectors.joining("; ")),
					chain, peer);
		}
		if (!this.pins.isEmpty() && !this.pins.matchesAny(path.withAnchor())) {
			refuseOrWarn(FailureReason.PIN_MISMATCH, "no certificate of the server's chain matches the configured "
					+ "pins (only its validated path to a trusted certificate counts, not other certificates the "
					+ "server sent); the path's pins are " + SpkiPins.describe(path.withAnchor()), chain, peer);
		}
		if (!this.serverIdentities.accepts(chain.get(0))) {
			// hostname_mismatch: the server is not the one expected.
			String valid = (peer.host() != null) ? "is valid for host '" + PeerText.escape(peer.host()) + "' but"
					: "is trusted but";
			refuseOrWarn(FailureReason.HOSTNAME_MISMATCH,
					"the server's certificate " + valid + " names none of the identities "
							+ this.serverIdentities.property() + " requires " + this.serverIdentities.patterns()
							+ "; it names " + PeerText.escape(CertificateIdentity.of(chain.get(0)).describe())
							+ ". If the server's identity changed on purpose, update "
							+ this.serverIdentities.property(),
					chain, peer);
		}
	}

	private ValidatedPaths.Path validatedPath(List<X509Certificate> chain) throws CertificateException {
		try {
			return this.paths.of(chain);
		}
		catch (CertificateException ex) {
			// Fails closed, whatever the mode: validation itself is never relaxed.
			throw new ClassifiedCertificateException(FailureReason.CERT_UNTRUSTED, ex.getMessage(), ex, chain);
		}
	}

	private ClassifiedCertificateException refused(CertificateException failure, List<X509Certificate> chain,
			Peer peer) {
		FailureReason reason = HandshakeFailureClassifier.classify(failure, Direction.OUTBOUND);
		return new ClassifiedCertificateException(reason, CertificateRefusals.describe(reason, chain, peer.host(),
				String.valueOf(failure.getMessage()), this.trustProperty), failure, chain);
	}

	/**
	 * Report mode logs and counts what the policy adds on top of validation; it never
	 * skips validation.
	 */
	private void refuseOrWarn(FailureReason reason, String message, List<X509Certificate> chain, Peer peer)
			throws CertificateException {
		if (this.mode == Mode.ENFORCE) {
			throw new ClassifiedCertificateException(reason, message, null, chain);
		}
		this.warnings.accepted(reason, message + " (allowed: report mode)", chain, peer);
	}

	private static boolean isRevoked(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CertPathValidatorException validation
					&& validation.getReason() == CertPathValidatorException.BasicReason.REVOKED) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw new CertificateException("An outbound connection does not accept client certificates");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw new CertificateException("An outbound connection does not accept client certificates");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("An outbound connection does not accept client certificates");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.checked.getAcceptedIssuers();
	}

	@FunctionalInterface
	private interface Check {

		void run(X509ExtendedTrustManager manager) throws CertificateException;

	}

	/**
	 * Where the connection goes, as far as the TLS layer knows.
	 *
	 * @param host the host name, or {@code null}
	 * @param port the port, or -1
	 */
	public record Peer(@Nullable String host, int port) {
	}

	/** Told about certificates that were accepted but deserve a warning and a count. */
	@FunctionalInterface
	public interface TrustWarnings {

		void accepted(FailureReason reason, String message, List<X509Certificate> chain, Peer peer);

	}

}
