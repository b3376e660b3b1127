package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import io.securecomms.test.TestCertificates.Issued;

/**
 * An identity provider on loopback: a JDK HTTPS server presenting {@code identity} that
 * serves the public half of an RSA key it generated at {@code /jwks} (and signs tokens
 * with the private half), its OpenID metadata, and a token endpoint at {@code /token}
 * that answers every request with a bearer token signed with that key.
 */
public final class JwkSetServer implements AutoCloseable {

	private static final String KEY_ID = "test-key";

	private final HttpsServer server;

	private final RSAKey key;

	private final AtomicInteger requests = new AtomicInteger();

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private JwkSetServer(Issued identity) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair pair = generator.generateKeyPair();
		this.key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
			.keyID(KEY_ID)
			.build();
		this.server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setHttpsConfigurator(new HttpsConfigurator(identity.serverSslContext()));
		this.server.createContext("/jwks", this::serveKeys);
		this.server.createContext("/.well-known/openid-configuration", this::serveMetadata);
		this.server.createContext("/token", this::serveToken);
		this.server.createContext("/userinfo", this::serveUserInfo);
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	public static JwkSetServer start(Issued identity) {
		try {
			return new JwkSetServer(identity);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot start the JWK set server", ex);
		}
	}

	public int port() {
		return this.server.getAddress().getPort();
	}

	/** The JWK set URI with host name {@code host}. */
	public String jwkSetUri(String host) {
		return "https://" + host + ":" + this.server.getAddress().getPort() + "/jwks";
	}

	/**
	 * The issuer URI with host name {@code host}: its metadata names the JWK set on the
	 * same host.
	 */
	public String issuerUri(String host) {
		return "https://" + host + ":" + this.server.getAddress().getPort();
	}

	/** The token endpoint URI with host name {@code host}. */
	public String tokenUri(String host) {
		return "https://" + host + ":" + this.server.getAddress().getPort() + "/token";
	}

	/** The user-info endpoint URI with host name {@code host}. */
	public String userInfoUri(String host) {
		return "https://" + host + ":" + this.server.getAddress().getPort() + "/userinfo";
	}

	/** How many token requests reached the token endpoint. */
	public int tokenRequests() {
		return this.tokenRequests.get();
	}

	/** How many times the key set was served. */
	public int requests() {
		return this.requests.get();
	}

	/** A token signed with the served key, valid for five minutes. */
	public String token(String subject) {
		return token(subject, null);
	}

	/** A token from {@code issuer} signed with the served key, valid for five minutes. */
	public String token(String subject, String issuer) {
		return token(subject, issuer, null);
	}

	/**
	 * A token from {@code issuer} for {@code audience} (an ID token's client id) signed
	 * with the served key.
	 */
	public String token(String subject, String issuer, String audience) {
		try {
			SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(),
					new JWTClaimsSet.Builder().subject(subject)
						.issuer(issuer)
						.audience(audience)
						.issueTime(new Date())
						.expirationTime(Date.from(Instant.now().plusSeconds(300)))
						.build());
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void serveKeys(HttpExchange exchange) throws java.io.IOException {
		this.requests.incrementAndGet();
		respond(exchange, new JWKSet(this.key.toPublicJWK()).toString());
	}

	private void serveToken(HttpExchange exchange) throws java.io.IOException {
		this.tokenRequests.incrementAndGet();
		exchange.getRequestBody().readAllBytes();
		respond(exchange,
				"{\"access_token\":\"" + token("client") + "\",\"token_type\":\"Bearer\"," + "\"expires_in\":300}");
	}

	private void serveUserInfo(HttpExchange exchange) throws java.io.IOException {
		respond(exchange, "{\"sub\":\"alice\",\"name\":\"Alice\"}");
	}

	private void serveMetadata(HttpExchange exchange) throws java.io.IOException {
		String issuer = "https://" + exchange.getRequestHeaders().getFirst("Host");
		respond(exchange, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/jwks\","
				+ "\"subject_types_supported\":[\"public\"]}");
	}

	private static void respond(HttpExchange exchange, String json) throws java.io.IOException {
		try (exchange) {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
