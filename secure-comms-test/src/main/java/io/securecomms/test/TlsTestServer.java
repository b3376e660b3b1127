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
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;

/**
 * A real HTTPS server on loopback (the JDK's), presenting the certificate a test gives
 * it, with the protocols and suites the test allows (the JVM's own restrictions are
 * relaxed in the tests) and optional client authentication. {@code GET /} answers
 * "hello"; {@code GET /to-http} redirects to plain http.
 */
public final class TlsTestServer implements AutoCloseable {

	private final HttpsServer server;

	private final AtomicLong fullHandshakes;

	private final CountingKeyManager keys;

	private final List<BigInteger> clientSerials;

	private TlsTestServer(HttpsServer server, AtomicLong fullHandshakes, CountingKeyManager keys,
			List<BigInteger> clientSerials) {
		this.server = server;
		this.fullHandshakes = fullHandshakes;
		this.keys = keys;
		this.clientSerials = clientSerials;
	}

	/**
	 * The serial of the client certificate of each request so far (requests without one
	 * are not listed).
	 */
	public List<BigInteger> clientSerials() {
		return List.copyOf(this.clientSerials);
	}

	/**
	 * From now on, full handshakes present {@code identity} (a certificate rotated on the
	 * server side).
	 */
	public void present(Issued identity) {
		this.keys.present(Builder.keyManager(identity));
	}

	/** The serials of the server certificate presented in each full handshake so far. */
	public List<BigInteger> presentedSerials() {
		return List.copyOf(this.keys.presented);
	}

	/**
	 * Full handshakes so far: the server chooses its certificate only in those, never
	 * when a session is resumed.
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

	/**
	 * The URL with host name {@code localhost}, which the usual test certificates name.
	 */
	public String url(String path) {
		return "https://localhost:" + port() + path;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static void handle(HttpExchange exchange, List<BigInteger> clientSerials) throws IOException {
		try (exchange) {
			try {
				Certificate[] peer = ((HttpsExchange) exchange).getSSLSession().getPeerCertificates();
				clientSerials.add(((X509Certificate) peer[0]).getSerialNumber());
			}
			catch (SSLPeerUnverifiedException ex) {
				// no client certificate
			}
			if (exchange.getRequestURI().getPath().equals("/to-http")) {
				exchange.getResponseHeaders()
					.add("Location", "http://localhost:" + exchange.getLocalAddress().getPort() + "/");
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
				this.keys = new CountingKeyManager(keyManager(this.identity), this.fullHandshakes);
				context.init(new KeyManager[] { this.keys }, trustManagers(), null);
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
				List<BigInteger> clientSerials = new CopyOnWriteArrayList<>();
				server.createContext("/", (exchange) -> handle(exchange, clientSerials));
				server.setExecutor(Executors.newCachedThreadPool());
				server.start();
				return new TlsTestServer(server, this.fullHandshakes, this.keys, clientSerials);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Cannot start the test TLS server", ex);
			}
		}

		private CountingKeyManager keys;

		static X509ExtendedKeyManager keyManager(Issued identity) {
			try {
				// JKS takes the chain as given; PKCS12 refuses one whose certificates do
				// not link, and a hostile
				// server may send such a chain (its leaf, then a pinned certificate that
				// certifies nothing).
				KeyStore store = KeyStore.getInstance("JKS");
				store.load(null, null);
				store.setKeyEntry("server", identity.privateKey(), new char[0],
						identity.chain().toArray(Certificate[]::new));
				KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				factory.init(store, new char[0]);
				return (X509ExtendedKeyManager) factory.getKeyManagers()[0];
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
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

	/**
	 * Counts full handshakes; its identity can be swapped, the alias carrying the version
	 * so one handshake's chain and key always come from the same identity.
	 */
	private static final class CountingKeyManager extends X509ExtendedKeyManager {

		private final Map<Integer, X509ExtendedKeyManager> versions = new ConcurrentHashMap<>();

		private volatile int current;

		private final AtomicLong count;

		final List<BigInteger> presented = new CopyOnWriteArrayList<>();

		CountingKeyManager(X509ExtendedKeyManager delegate, AtomicLong count) {
			this.versions.put(0, delegate);
			this.count = count;
		}

		synchronized void present(X509ExtendedKeyManager delegate) {
			this.versions.put(this.current + 1, delegate);
			this.current++;
		}

		private String chosen(int version, String alias) {
			if (alias == null) {
				return null;
			}
			this.count.incrementAndGet();
			String tagged = version + "|" + alias;
			X509Certificate[] chain = getCertificateChain(tagged);
			if (chain != null && chain.length > 0) {
				this.presented.add(chain[0].getSerialNumber());
			}
			return tagged;
		}

		private X509ExtendedKeyManager of(String alias) {
			return this.versions.get(Integer.parseInt(alias.substring(0, alias.indexOf('|'))));
		}

		private static String real(String alias) {
			return alias.substring(alias.indexOf('|') + 1);
		}

		@Override
		public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
			int version = this.current;
			return chosen(version, this.versions.get(version).chooseEngineServerAlias(keyType, issuers, engine));
		}

		@Override
		public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
			int version = this.current;
			return chosen(version, this.versions.get(version).chooseServerAlias(keyType, issuers, socket));
		}

		@Override
		public String[] getClientAliases(String keyType, Principal[] issuers) {
			return null;
		}

		@Override
		public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
			return null;
		}

		@Override
		public String[] getServerAliases(String keyType, Principal[] issuers) {
			return this.versions.get(this.current).getServerAliases(keyType, issuers);
		}

		@Override
		public X509Certificate[] getCertificateChain(String alias) {
			return (alias != null && alias.contains("|")) ? of(alias).getCertificateChain(real(alias)) : null;
		}

		@Override
		public PrivateKey getPrivateKey(String alias) {
			return (alias != null && alias.contains("|")) ? of(alias).getPrivateKey(real(alias)) : null;
		}

	}

}
