package io.securecomms.test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;

/**
 * A real HTTPS server on loopback (the JDK's), presenting the certificate a test gives it, with the protocols
 * and suites the test allows (the JVM's own restrictions are relaxed in the tests) and optional client
 * authentication. {@code GET /} answers "hello"; {@code GET /to-http} redirects to plain http.
 */
public final class TlsTestServer implements AutoCloseable {

	private final HttpsServer server;

	private final AtomicLong fullHandshakes;

	private TlsTestServer(HttpsServer server, AtomicLong fullHandshakes) {
		this.server = server;
		this.fullHandshakes = fullHandshakes;
	}

	/**
	 * Full handshakes so far: the server chooses its certificate only in those, never when a session is
	 * resumed.
	 */
	public long fullHandshakes() {
		return this.fullHandshakes.get();
	}

	public static Builder presenting(Issued identity) {
		return new Builder(identity);
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The URL with host name {@code localhost}, which the usual test certificates name. */
	public String url(String path) {
		return "https://localhost:" + port() + path;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (exchange.getRequestURI().getPath().equals("/to-http")) {
				exchange.getResponseHeaders().add("Location", "http://localhost:" + exchange.getLocalAddress().getPort() + "/");
				exchange.sendResponseHeaders(302, -1);
				return;
			}
			byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	public static final class Builder {

		private final Issued identity;

		private String[] protocols = { "TLSv1.3", "TLSv1.2" };

		private String[] cipherSuites;

		private Authority clientCa;

		private final AtomicLong fullHandshakes = new AtomicLong();

		private Builder(Issued identity) {
			this.identity = identity;
		}

		public Builder protocols(String... protocols) {
			this.protocols = protocols;
			return this;
		}

		public Builder cipherSuites(String... cipherSuites) {
			this.cipherSuites = cipherSuites;
			return this;
		}

		/** Requires a client certificate issued by {@code ca}. */
		public Builder requireClientCertificateFrom(Authority ca) {
			this.clientCa = ca;
			return this;
		}

		public TlsTestServer start() {
			try {
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keyManagers(), trustManagers(), null);
				HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				server.setHttpsConfigurator(new HttpsConfigurator(context) {

					@Override
					public void configure(HttpsParameters parameters) {
						SSLParameters ssl = context.getDefaultSSLParameters();
						ssl.setProtocols(Builder.this.protocols);
						if (Builder.this.cipherSuites != null) {
							ssl.setCipherSuites(Builder.this.cipherSuites);
						}
						ssl.setNeedClientAuth(Builder.this.clientCa != null);
						parameters.setSSLParameters(ssl);
					}

				});
				server.createContext("/", TlsTestServer::handle);
				server.setExecutor(Executors.newCachedThreadPool());
				server.start();
				return new TlsTestServer(server, this.fullHandshakes);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot start the test TLS server", ex);
			}
		}

		private KeyManager[] keyManagers() throws Exception {
			// JKS takes the chain as given; PKCS12 refuses one whose certificates do not link, and a hostile
			// server may send such a chain (its leaf, then a pinned certificate that certifies nothing).
			KeyStore store = KeyStore.getInstance("JKS");
			store.load(null, null);
			store.setKeyEntry("server", this.identity.privateKey(), new char[0],
					this.identity.chain().toArray(Certificate[]::new));
			KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			factory.init(store, new char[0]);
			return new KeyManager[] { new CountingKeyManager((X509ExtendedKeyManager) factory.getKeyManagers()[0],
					this.fullHandshakes) };
		}

		private javax.net.ssl.TrustManager[] trustManagers() throws Exception {
			if (this.clientCa == null) {
				return null;
			}
			KeyStore store = KeyStore.getInstance("PKCS12");
			store.load(null, null);
			store.setCertificateEntry("client-ca", this.clientCa.certificate());
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			return factory.getTrustManagers();
		}

	}

	private static final class CountingKeyManager extends X509ExtendedKeyManager {

		private final X509ExtendedKeyManager delegate;

		private final AtomicLong count;

		CountingKeyManager(X509ExtendedKeyManager delegate, AtomicLong count) {
			this.delegate = delegate;
			this.count = count;
		}

		@Override
		public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			String alias = this.delegate.chooseEngineServerAlias(keyType, issuers, engine);
			if (alias != null) {
				this.count.incrementAndGet();
			}
			return alias;
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			String alias = this.delegate.chooseServerAlias(keyType, issuers, socket);
			if (alias != null) {
				this.count.incrementAndGet();
			}
			return alias;
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return this.delegate.getClientAliases(keyType, issuers);
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			return this.delegate.chooseClientAlias(keyType, issuers, socket);
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return this.delegate.getServerAliases(keyType, issuers);
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return this.delegate.getCertificateChain(alias);
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return this.delegate.getPrivateKey(alias);
		}

	}

}
