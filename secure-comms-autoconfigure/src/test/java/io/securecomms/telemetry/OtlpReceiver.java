package io.securecomms.telemetry;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.securecomms.testsupport.TestCertificates.Issued;

/**
 * An OTLP/HTTP receiver on loopback over TLS (a JDK {@link HttpsServer}): it accepts the exporters' protobuf
 * posts to {@code /v1/traces} and {@code /v1/metrics} and counts them.
 */
final class OtlpReceiver implements AutoCloseable {

	private final HttpsServer server;

	private final AtomicInteger traces = new AtomicInteger();

	private final AtomicInteger metrics = new AtomicInteger();

	private OtlpReceiver(Issued identity) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("receiver", identity.privateKey(), new char[0], identity.chain().toArray(Certificate[]::new));
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, new char[0]);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keys.getKeyManagers(), null, null);
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(context));
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	static OtlpReceiver presenting(Issued identity) throws Exception {
		return new OtlpReceiver(identity);
	}

	/** Export requests with spans received so far. */
	int traces() {
		return this.traces.get();
	}

	/** Export requests with metrics received so far. */
	int metrics() {
		return this.metrics.get();
	}

	String url(String path) {
		return "https://localhost:" + this.server.getAddress().getPort() + path;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			String path = exchange.getRequestURI().getPath();
			boolean export = "POST".equals(exchange.getRequestMethod())
					&& ("/v1/traces".equals(path) || "/v1/metrics".equals(path));
			if (body.readAllBytes().length > 0 && export) {
				("/v1/traces".equals(path) ? this.traces : this.metrics).incrementAndGet();
			}
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(export ? 200 : 404, -1);
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
