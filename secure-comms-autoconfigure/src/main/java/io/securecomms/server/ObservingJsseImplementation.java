package io.securecomms.server;

import java.security.KeyManagementException;
import java.security.KeyStore;
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
import javax.net.ssl.TrustManagerFactory;

import io.securecomms.metrics.ObservedSslEngine;
import org.apache.tomcat.util.net.SSLContext;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.apache.tomcat.util.net.SSLUtil;
import org.apache.tomcat.util.net.jsse.JSSEImplementation;
import org.apache.tomcat.util.net.jsse.JSSEUtil;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's JSSE implementation, with SSL engines that report how their handshake ended,
 * and that are the JDK's or, when the connector is on {@link ServerEngine#OPENSSL},
 * OpenSSL's ({@link OpenSslTomcatContext}). Tomcat has no callback for failed handshakes;
 * this is the one place that sees them all. Named in the connector's
 * {@code sslImplementationName} by {@link TlsConnectorCustomizer}.
 */
public class ObservingJsseImplementation extends JSSEImplementation {

	@Override
	public SSLUtil getSSLUtil(SSLHostConfigCertificate certificate) {
		InboundHandshakeObserver observer = InboundHandshakeObservers.get(certificate.getSSLHostConfig());
		AllowedClients allowedClients = InboundHandshakeObservers.allowedClients(certificate.getSSLHostConfig());
		return (observer != null && allowedClients != null)
				? new ObservingJsseUtil(certificate, observer, allowedClients,
						InboundHandshakeObservers.engine(certificate.getSSLHostConfig()))
				: super.getSSLUtil(certificate);
	}

	private static final class ObservingJsseUtil extends JSSEUtil {

		private final InboundHandshakeObserver observer;

		private final AllowedClients allowedClients;

		private final ServerEngine engine;

		private final SSLHostConfigCertificate certificate;

		ObservingJsseUtil(SSLHostConfigCertificate certificate, InboundHandshakeObserver observer,
				AllowedClients allowedClients, ServerEngine engine) {
			super(certificate);
			this.certificate = certificate;
			this.observer = observer;
			this.allowedClients = allowedClients;
			this.engine = engine;
		}

		/**
		 * Tomcat's trust managers (from the host's trust store), each checking the
		 * allow-list once it has trusted a client's chain. With no trust store of
		 * Tomcat's own the JVM's default ones are wrapped, so that an allow-list is never
		 * skipped.
		 */
		@Override
		public TrustManager @Nullable [] getTrustManagers() throws Exception {
			TrustManager[] managers = super.getTrustManagers();
			if (this.allowedClients.isEmpty()) {
				return managers;
			}
			if (managers == null) {
				TrustManagerFactory factory = TrustManagerFactory
					.getInstance(TrustManagerFactory.getDefaultAlgorithm());
				factory.init((KeyStore) null);
				managers = factory.getTrustManagers();
			}
			return AllowListTrustManager.wrap(managers, this.allowedClients);
		}

		@Override
		public SSLContext createSSLContextInternal(List<String> negotiableProtocols) throws NoSuchAlgorithmException {
			SSLContext context = (this.engine == ServerEngine.OPENSSL)
					? OpenSslTomcatContext.create(negotiableProtocols,
							groups(this.certificate.getSSLHostConfig().getGroups()))
					: super.createSSLContextInternal(negotiableProtocols);
			return new ObservingSslContext(context, this.observer);
		}

		private static List<String> groups(@Nullable String groups) {
			return (groups != null && !groups.isBlank()) ? List.of(groups.split("\\s*,\\s*")) : List.of();
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
