package io.securecomms.server;

import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateRevokedException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import io.securecomms.metrics.ClassifiedCertificateException;
import io.securecomms.metrics.FailureReason;

/**
 * A server's trust manager for the native engine whose refusals carry the OpenSSL verify
 * code that picks the alert the client receives: {@code unknown_ca} for a chain that
 * leads to no trusted CA, {@code bad_certificate} for a trusted certificate the
 * allow-list refuses. Without a code the native engine answers {@code internal_error},
 * which tells the caller nothing. Failures the engine already maps (expired, not yet
 * valid, revoked) pass unchanged; the original failure stays the cause, so the handshake
 * is classified as before.
 */
final class VerifyCodeTrustManager extends X509ExtendedTrustManager {

	private final X509TrustManager delegate;

	VerifyCodeTrustManager(X509TrustManager delegate) {
		this.delegate = delegate;
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		withVerifyCode(() -> {
			if (this.delegate instanceof X509ExtendedTrustManager extended) {
				extended.checkClientTrusted(chain, authType, engine);
			}
			else {
				this.delegate.checkClientTrusted(chain, authType);
			}
		});
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw new CertificateException("The native TLS engine checks client certificates on engines only");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		withVerifyCode(() -> this.delegate.checkClientTrusted(chain, authType));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw new CertificateException("A server's trust manager does not judge servers");
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
			throws CertificateException {
		throw new CertificateException("A server's trust manager does not judge servers");
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("A server's trust manager does not judge servers");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		return this.delegate.getAcceptedIssuers();
	}

	private static void withVerifyCode(Check check) throws CertificateException {
		try {
			check.run();
		}
		catch (CertificateException ex) {
			throw withVerifyCode(ex);
		}
	}

	static CertificateException withVerifyCode(CertificateException failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof CertificateExpiredException || cause instanceof CertificateNotYetValidException
					|| cause instanceof CertificateRevokedException || cause instanceof OpenSslCertificateException
					|| cause instanceof CertPathValidatorException validation
							&& (validation.getReason() == CertPathValidatorException.BasicReason.EXPIRED
									|| validation.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID
									|| validation.getReason() == CertPathValidatorException.BasicReason.REVOKED)) {
				return failure;
			}
		}
		int code = (failure instanceof ClassifiedCertificateException classified
				&& classified.reason() == FailureReason.CLIENT_CERT_REJECTED)
						? CertificateVerifier.X509_V_ERR_CERT_REJECTED
						: CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
		return new OpenSslCertificateException(failure.getMessage(), failure, code);
	}

	@FunctionalInterface
	private interface Check {

		void run() throws CertificateException;

	}

}
