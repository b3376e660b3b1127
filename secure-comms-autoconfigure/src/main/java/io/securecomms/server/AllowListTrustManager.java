package io.securecomms.server;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.securecomms.metrics.ClassifiedCertificateException;
import io.securecomms.metrics.FailureReason;
import io.securecomms.trust.CertificateIdentity;

/**
 * A server's trust manager that, once its delegate has trusted a client's chain, also
 * requires the leaf to match the listener's {@link AllowedClients}. The refusal happens
 * in the handshake (the client gets a {@code certificate_unknown} alert) and is counted
 * as {@code client_cert_rejected}; its message names the refused identity, escaped.
 * Server-side only: {@code checkServerTrusted} is the delegate's.
 */
public final class AllowListTrustManager extends X509ExtendedTrustManager {

	private final X509ExtendedTrustManager delegate;

	private final AllowedClients allowed;

	public AllowListTrustManager(X509ExtendedTrustManager delegate, AllowedClients allowed) {
		this.delegate = delegate;
		this.allowed = allowed;
	}

	/**
	 * {@code managers} with every X.509 trust manager wrapped; as they are when the list
	 * is empty.
	 */
	public static TrustManager[] wrap(TrustManager[] managers, AllowedClients allowed) {
		if (allowed.isEmpty()) {
			return managers;
		}
		return Arrays.stream(managers)
			.map((manager) -> (manager instanceof X509TrustManager x509) ? wrap(x509, allowed) : manager)
			.toArray(TrustManager[]::new);
	}

	private static TrustManager wrap(X509TrustManager manager, AllowedClients allowed) {
		X509ExtendedTrustManager extended = (manager instanceof X509ExtendedTrustManager ext) ? ext
				: new ExtendedAdapter(manager);
		return new AllowListTrustManager(extended, allowed);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType, socket);
		checkAllowed(chain);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType, engine);
		checkAllowed(chain);
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkClientTrusted(chain, authType);
		checkAllowed(chain);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType, socket);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType, engine);
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		this.delegate.checkServerTrusted(chain, authType);
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.delegate.getAcceptedIssuers();
	}

	private void checkAllowed(X509Certificate[] chain) throws CertificateException {
		check(this.allowed, chain);
	}

	/**
	 * @param chain a client's chain, already trusted
	 * @throws ClassifiedCertificateException ({@code client_cert_rejected}) naming the
	 * identity when the leaf matches no entry of a non-empty list
	 */
	public static void check(AllowedClients allowed, X509Certificate[] chain) throws ClassifiedCertificateException {
		if (chain.length == 0 || allowed.allows(chain[0])) {
			return;
		}
		throw new ClassifiedCertificateException(FailureReason.CLIENT_CERT_REJECTED, "Client certificate ["
				+ CertificateIdentity.of(chain[0]).describe() + "] is trusted but not allowed by " + allowed.property(),
				null, Arrays.asList(chain));
	}

	/** A plain trust manager seen as an extended one (without its engine checks). */
	private static final class ExtendedAdapter extends X509ExtendedTrustManager {

		private final X509TrustManager delegate;

		ExtendedAdapter(X509TrustManager delegate) {
			this.delegate = delegate;
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.delegate.checkClientTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
				throws CertificateException {
			this.delegate.checkServerTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
				throws CertificateException {
			this.delegate.checkServerTrusted(chain, authType);
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
			this.delegate.checkServerTrusted(chain, authType);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.delegate.getAcceptedIssuers();
		}

	}

}
