package io.securecomms.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.context.SmartLifecycle;

/**
 * Two stand-ins for systems the application calls, started beside it on loopback (they
 * are not part of the application and not hardened by the starter): a "partner" that
 * requires a client certificate from the development CA, and an "impostor" whose
 * certificate nobody trusts.
 */
class DevelopmentBackends implements SmartLifecycle {

	private final HttpsServer partner;

	private final HttpsServer impostor;

	private final ExecutorService executor = Executors.newFixedThreadPool(4);

	private volatile boolean running;

	DevelopmentBackends(SslBundle partnerBundle, int partnerPort, Path pkiDir, int impostorPort)
			throws IOException, GeneralSecurityException {
		this.partner = server(partnerBundle.createSslContext(), partnerPort, true, DevelopmentBackends::partner);
		char[] password = "impostor".toCharArray();
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(new DevelopmentPki(pkiDir).impostorKeyStore(password), password);
		SSLContext impostorContext = SSLContext.getInstance("TLS");
		impostorContext.init(keys.getKeyManagers(), null, null);
		this.impostor = server(impostorContext, impostorPort, false,
				(exchange) -> respond(exchange, "{\"impostor\":\"you should never see this\"}"));
	}

	String partnerUrl() {
		return "https://localhost:" + this.partner.getAddress().getPort();
	}

	/**
	 * By address, so that the default client settings (not the partner target's) apply.
	 */
	String impostorUrl() {
		return "https://127.0.0.1:" + this.impostor.getAddress().getPort();
	}

	private HttpsServer server(SSLContext context, int port, boolean needClientAuth, Handler handler)
			throws IOException {
		HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(context) {

			@Override
			public void configure(HttpsParameters parameters) {
				// HttpsParameters' own client-auth flags are ignored unless passed in
				// SSLParameters.
				SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
				ssl.setNeedClientAuth(needClientAuth);
				parameters.setSSLParameters(ssl);
			}

		});
		server.createContext("/", (exchange) -> {
			try (exchange) {
				handler.handle(exchange);
			}
		});
		server.setExecutor(this.executor);
		return server;
	}

	private static void partner(HttpExchange exchange) throws IOException {
		SSLSession session = ((HttpsExchange) exchange).getSSLSession();
		String caller;
		try {
			caller = ((X509Certificate) session.getPeerCertificates()[0]).getSubjectX500Principal().getName();
		}
		catch (SSLPeerUnverifiedException ex) {
			caller = "unknown";
		}
		respond(exchange,
				"{\"partner\":\"ok\",\"caller\":\"" + caller + "\",\"protocol\":\"" + session.getProtocol() + "\"}");
	}

	private static void respond(HttpExchange exchange, String json) throws IOException {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	@Override
	public void start() {
		this.partner.start();
		this.impostor.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.partner.stop(0);
		this.impostor.stop(0);
		this.executor.shutdown();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@FunctionalInterface
	interface Handler {

		void handle(HttpExchange exchange) throws IOException;

	}

}
