package io.securecomms.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.securecomms.test.TestCertificates.Issued;

/**
 * A telemetry receiver on loopback over TLS (a JDK {@link HttpsServer}) for every
 * exporter the starter covers: it accepts the exports ({@code POST} or {@code PUT} with a
 * body) to OTLP/HTTP's {@code /v1/traces}, {@code /v1/metrics} and {@code /v1/logs},
 * Zipkin's {@code /api/v2/spans} and the Pushgateway's {@code /metrics/job/<job>}, and
 * counts them per export path.
 */
final class TelemetryReceiver implements AutoCloseable {

	static final String TRACES = "/v1/traces";

	static final String METRICS = "/v1/metrics";

	static final String LOGS = "/v1/logs";

	static final String ZIPKIN_SPANS = "/api/v2/spans";

	/**
	 * The Pushgateway's paths start with it:
	 * {@code /metrics/job/<job>[/<label>/<value>...]}.
	 */
	static final String PUSHGATEWAY = "/metrics/job/";

	private static final List<String> PATHS = List.of(TRACES, METRICS, LOGS, ZIPKIN_SPANS, PUSHGATEWAY);

	private final HttpsServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

	private final AtomicInteger clientCertificates = new AtomicInteger();

	private TelemetryReceiver(Issued identity, X509Certificate clientCa) throws Exception {
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setHttpsConfigurator((clientCa != null) ? new HttpsConfigurator(mutual(identity, clientCa)) {

			@Override
			public void configure(HttpsParameters parameters) {
				SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
				ssl.setNeedClientAuth(true);
				parameters.setSSLParameters(ssl);
			}

		} : new HttpsConfigurator(identity.serverSslContext()));
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	static TelemetryReceiver presenting(Issued identity) throws Exception {
		return new TelemetryReceiver(identity, null);
	}

	/**
	 * A receiver that requires a client certificate issued by {@code clientCa} (mutual
	 * TLS).
	 */
	static TelemetryReceiver presentingAndRequiringClientsOf(Issued identity, X509Certificate clientCa)
			throws Exception {
		return new TelemetryReceiver(identity, clientCa);
	}

	private static SSLContext mutual(Issued identity, X509Certificate clientCa) throws Exception {
		KeyStore keys = KeyStore.getInstance("PKCS12");
		keys.load(null, null);
		keys.setKeyEntry("receiver", identity.privateKey(), new char[0], identity.chain().toArray(Certificate[]::new));
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keys, new char[0]);
		KeyStore anchors = KeyStore.getInstance("PKCS12");
		anchors.load(null, null);
		anchors.setCertificateEntry("client-ca", clientCa);
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(anchors);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
		return context;
	}

	/** Exports that arrived over a connection with a client certificate. */
	int fromAuthenticatedClients() {
		return this.clientCertificates.get();
	}

	/** Exports with a body received so far on {@code path} (one of the constants). */
	int received(String path) {
		AtomicInteger count = this.received.get(path);
		return (count != null) ? count.get() : 0;
	}

	int traces() {
		return received(TRACES);
	}

	int metrics() {
		return received(METRICS);
	}

	int logs() {
		return received(LOGS);
	}

	/** {@code https://localhost:<port>} followed by {@code path}. */
	String url(String path) {
		return "https://localhost:" + port() + path;
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			String requested = exchange.getRequestURI().getPath();
			String path = PATHS.stream().filter(requested::startsWith).findFirst().orElse(null);
			boolean export = path != null && List.of("POST", "PUT").contains(exchange.getRequestMethod());
			if (body.readAllBytes().length > 0 && export) {
				this.received.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
				if (presentedCertificate(exchange)) {
					this.clientCertificates.incrementAndGet();
				}
			}
			exchange.sendResponseHeaders(export ? 200 : 404, -1);
		}
	}

	private static boolean presentedCertificate(HttpExchange exchange) {
		try {
			return exchange instanceof HttpsExchange https && https.getSSLSession().getPeerCertificates().length > 0;
		}
		catch (SSLPeerUnverifiedException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

}
