package io.securecomms.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A JDK HTTP client for the tests that trusts only the test CA and may present a client
 * certificate.
 */
public final class HttpsClient {

	private final HttpClient client;

	private final SSLContext sslContext;

	private HttpsClient(HttpClient client, SSLContext sslContext) {
		this.client = client;
		this.sslContext = sslContext;
	}

	public static HttpsClient trusting(Path caCertificate) {
		return create(caCertificate, null, null);
	}

	public static HttpsClient withClientCertificate(Path caCertificate, Path pkcs12, String password) {
		return create(caCertificate, pkcs12, password);
	}

	private static HttpsClient create(Path caCertificate, Path pkcs12, String password) {
		try {
			KeyStore trust = KeyStore.getInstance("PKCS12");
			trust.load(null, null);
			try (var in = Files.newInputStream(caCertificate)) {
				int i = 0;
				for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
					trust.setCertificateEntry("ca" + i++, (X509Certificate) certificate);
				}
			}
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			KeyManager[] keyManagers = null;
			if (pkcs12 != null) {
				KeyStore keys = KeyStore.getInstance("PKCS12");
				try (var in = Files.newInputStream(pkcs12)) {
					keys.load(in, password.toCharArray());
				}
				KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				factory.init(keys, password.toCharArray());
				keyManagers = new KeyManager[] { new AlwaysPresenting(
						(X509ExtendedKeyManager) factory.getKeyManagers()[0], keys.aliases().nextElement()) };
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers, trustManagers.getTrustManagers(), null);
			return new HttpsClient(HttpClient.newBuilder()
				.sslContext(context)
				.connectTimeout(Duration.ofSeconds(10))
				.followRedirects(HttpClient.Redirect.NEVER)
				.build(), context);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The client's TLS context, for tests that drive a connection by hand. */
	public SSLContext sslContext() {
		return this.sslContext;
	}

	/**
	 * One request on one fresh connection (the JDK client would retry a refused GET on a
	 * second one), with how it ended.
	 */
	public TlsProbe.Outcome probe(int port, String path) {
		return TlsProbe.request(this.sslContext, port, path);
	}

	public HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	/** A GET with a bearer token. */
	public HttpResponse<String> get(String url, String bearerToken) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create(url))
			.header("Authorization", "Bearer " + bearerToken)
			.timeout(Duration.ofSeconds(20))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Presents its certificate whatever CAs the server asks for: the JDK's own key
	 * manager would stay silent rather than offer a certificate from an unnamed CA, and
	 * the tests need the server to see one.
	 */
	private static final class AlwaysPresenting extends X509ExtendedKeyManager {

		private final X509ExtendedKeyManager delegate;

		private final String alias;

		AlwaysPresenting(X509ExtendedKeyManager delegate, String alias) {
			this.delegate = delegate;
			this.alias = alias;
		}

		@Override
		public String chooseClientAlias(String[] keyType, java.security.Principal[] issuers, java.net.Socket socket) {
			return this.alias;
		}

		@Override
		public String chooseEngineClientAlias(String[] keyType, java.security.Principal[] issuers,
				javax.net.ssl.SSLEngine engine) {
			return this.alias;
		}

		@Override
		public String[] getClientAliases(String keyType, java.security.Principal[] issuers) {
			return new String[] { this.alias };
		}

		@Override
		public String[] getServerAliases(String keyType, java.security.Principal[] issuers) {
			return this.delegate.getServerAliases(keyType, issuers);
		}

		@Override
		public String chooseServerAlias(String keyType, java.security.Principal[] issuers, java.net.Socket socket) {
			return this.delegate.chooseServerAlias(keyType, issuers, socket);
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.delegate.getCertificateChain(alias);
		}

		@Override
		public java.security.PrivateKey getPrivateKey(String alias) {
			return this.delegate.getPrivateKey(alias);
		}

	}

}
