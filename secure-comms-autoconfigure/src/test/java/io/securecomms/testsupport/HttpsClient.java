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

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A JDK HTTP client for the tests that trusts only the test CA and may present a client certificate.
 */
public final class HttpsClient {

	private final HttpClient client;

	private HttpsClient(HttpClient client) {
		this.client = client;
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
			TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trust);
			KeyManagerFactory keyManagers = null;
			if (pkcs12 != null) {
				KeyStore keys = KeyStore.getInstance("PKCS12");
				try (var in = Files.newInputStream(pkcs12)) {
					keys.load(in, password.toCharArray());
				}
				keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keyManagers.init(keys, password.toCharArray());
			}
			SSLContext context = SSLContext.getInstance("TLS");
			context.init((keyManagers != null) ? keyManagers.getKeyManagers() : null, trustManagers.getTrustManagers(),
					null);
			return new HttpsClient(HttpClient.newBuilder()
				.sslContext(context)
				.connectTimeout(Duration.ofSeconds(10))
				.followRedirects(HttpClient.Redirect.NEVER)
				.build());
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	public HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
