package io.securecomms.jvm;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.OutboundHandshakeObserver;
import io.securecomms.policy.Mode;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.PolicySslContext;
import io.securecomms.trust.RevocationMode;
import io.securecomms.trust.TrustContexts;

import org.springframework.boot.ssl.SslBundles;

/**
 * The JVM's default SSL context on the policy, for every client that takes no SSL context
 * of its own (the JDK {@code HttpClient} built with defaults, {@code HttpsURLConnection},
 * Micrometer's {@code HttpUrlConnectionSender}, vendor SDKs, JNDI): the policy's
 * protocols and suites, the outbound trust of {@code secure.comms.client.*} (trust
 * bundle, JDK CAs only when included or when no bundle is named, identity, pins,
 * revocation), a host name check on every connection, and every handshake observed on
 * {@code channel=jvm-default}. Installed until {@link #close()}, which puts back what was
 * there.
 */
public final class JvmDefault implements AutoCloseable {

	static final String TRUST_PROPERTY = "secure.comms.client.trust-bundle";

	/** What the JVM's default context cannot reach, for the posture. */
	public static final String NOT_COVERED = "not covered: code that builds its own SSLContext "
			+ "(SSLContext.getInstance(\"TLS\") and init with its own trust managers), or sets its own socket factory "
			+ "or host name verifier on a connection; a context read before the application started "
			+ "(SSLContext.getDefault() kept in a static field) stays the JVM's";

	private final ClientTls tls;

	private final TlsPolicy policy;

	private final SSLContext context;

	private final JvmDefaultTls.Installation installation;

	private JvmDefault(ClientTls tls, TlsPolicy policy, SSLContext context, JvmDefaultTls.Installation installation) {
		this.tls = tls;
		this.policy = policy;
		this.context = context;
		this.installation = installation;
	}

	/**
	 * Builds the policy context and installs it in the JVM.
	 * @param tls the HTTP clients' default settings ({@code secure.comms.client.*},
	 * targets aside)
	 */
	public static JvmDefault install(ClientTls tls, TlsPolicy policy, Mode mode, SslBundles bundles,
			HandshakeEvents events) {
		OutboundHandshakeObserver observer = new OutboundHandshakeObserver(events, Channel.JVM_DEFAULT);
		SSLContext trusted = new TrustContexts(bundles, mode).create(tls, (reason, message, chain, peer) -> {
			String remote = peer.host() + ":" + peer.port();
			observer.failed(remote, remote, reason, message, chain);
		}, TRUST_PROPERTY);
		PolicySslContext policyContext = PolicySslContext.of(trusted, policy, observer, tls.identityBundle() != null);
		JvmDefaultSslContext context = JvmDefaultSslContext.of(policyContext, currentDefault());
		HostnameVerifier verifier = new HostNameCheck();
		return new JvmDefault(tls, policy, context,
				JvmDefaultTls.install(new JvmDefaultTls.Values(context, context.getSocketFactory(), verifier)));
	}

	/**
	 * The context installed, which {@code SSLContext.getDefault()} returns while it is
	 * the latest.
	 */
	public SSLContext context() {
		return this.context;
	}

	public Description description() {
		RevocationMode revocation = (this.tls.revocation() != null) ? this.tls.revocation() : RevocationMode.SOFT_FAIL;
		String trust;
		if (this.tls.trustBundle() != null) {
			trust = this.tls.trustBundle() + " (" + TRUST_PROPERTY + ")" + (this.tls.includeJdkTrust()
					? " and the JDK's CA certificates (secure.comms.client.include-jdk-trust)" : "");
		}
		else {
			trust = "the JDK's CA certificates (no " + TRUST_PROPERTY + ")";
		}
		return new Description(Description.INSTALLED, trust,
				revocation.name().toLowerCase(Locale.ROOT).replace('_', '-'), this.policy.protocols(),
				this.tls.pins().size());
	}

	/**
	 * The JVM's own default, left alone ({@code secure.comms.jvm-default.enabled=false}).
	 */
	public static Description untouched() {
		List<String> protocols;
		try {
			protocols = List.of(SSLContext.getDefault().getDefaultSSLParameters().getProtocols());
		}
		catch (NoSuchAlgorithmException ex) {
			protocols = List.of();
		}
		return new Description(Description.DISABLED, "the JVM's own (javax.net.ssl.trustStore or the JDK's cacerts)",
				Boolean.getBoolean("com.sun.net.ssl.checkRevocation") ? "jvm (com.sun.net.ssl.checkRevocation)" : "off",
				protocols, 0);
	}

	private static SSLContext currentDefault() {
		try {
			return SSLContext.getDefault();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JVM has no default SSL context", ex);
		}
	}

	@Override
	public void close() {
		this.installation.close();
	}

	/**
	 * What the JVM's default SSL context is.
	 *
	 * @param status {@link #INSTALLED} (on the policy) or {@link #DISABLED} (the JVM's
	 * own, left alone)
	 * @param trustSource what it trusts
	 * @param revocation {@code off}, {@code soft-fail} or {@code hard-fail}
	 * @param protocols the protocols it offers
	 * @param pins how many public-key pins it checks
	 */
	public record Description(String status, String trustSource, String revocation, List<String> protocols, int pins) {

		public static final String INSTALLED = "installed";

		public static final String DISABLED = "disabled";

	}

}
