package io.securecomms.server;

import java.security.KeyManagementException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.TrustManager;

import io.securecomms.metrics.ObservedSslEngine;
import org.apache.tomcat.util.net.SSLContext;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLUtil;
import org.apache.tomcat.util.net.jsse.JSSEImplementation;
import org.apache.tomcat.util.net.jsse.JSSEUtil;

/**
 * Tomcat's JSSE implementation, with SSL engines that report how their handshake ended.
 * Tomcat has no callback for failed handshakes; this is the one place that sees them all.
 * Named in the connector's {@code sslImplementationName} by
 * {@link TlsConnectorCustomizer}.
 */
public class ObservingJsseImplementation extends JSSEImplementation {

	@Override
	public SSLUtil getSSLUtil(SSLHostConfigCertificate certificate) {
		InboundHandshakeObserver observer = InboundHandshakeObservers.get(certificate.getSSLHostConfig());
		return (observer != null) ? new ObservingJsseUtil(certificate, observer) : super.getSSLUtil(certificate);
	}

	private static final class ObservingJsseUtil extends JSSEUtil {

		private final InboundHandshakeObserver observer;

		ObservingJsseUtil(SSLHostConfigCertificate certificate, InboundHandshakeObserver observer) {
			super(certificate);
			this.observer = observer;
		}

		@Override
		public SSLContext createSSLContextInternal(List<String> negotiableProtocols) throws NoSuchAlgorithmException {
			return new ObservingSslContext(super.createSSLContextInternal(negotiableProtocols), this.observer);
		}

	}

	private record ObservingSslContext(SSLContext delegate, InboundHandshakeObserver observer) implements SSLContext {

		@Override
		public SSLEngine createSSLEngine() {
			return new ObservedSslEngine(this.delegate.createSSLEngine(), this.observer);
		}

		@Override
		public void init(KeyManager[] kms, TrustManager[] tms, SecureRandom sr) throws KeyManagementException {
			this.delegate.init(kms, tms, sr);
		}

		@Override
		public void destroy() {
			this.delegate.destroy();
		}

		@Override
		public SSLSessionContext getServerSessionContext() {
			return this.delegate.getServerSessionContext();
		}

		@Override
		public SSLServerSocketFactory getServerSocketFactory() {
			return this.delegate.getServerSocketFactory();
		}

		@Override
		public SSLParameters getSupportedSSLParameters() {
			return this.delegate.getSupportedSSLParameters();
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.delegate.getCertificateChain(alias);
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return this.delegate.getAcceptedIssuers();
		}

	}

}
