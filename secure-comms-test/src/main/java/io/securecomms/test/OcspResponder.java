package io.securecomms.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import io.securecomms.test.TestCertificates.Authority;

/**
 * A real OCSP responder on loopback, answering for one CA with responses that CA signs:
 * every certificate is good unless {@link #revoke revoked}.
 */
public final class OcspResponder implements AutoCloseable {

	private final Authority ca;

	private final HttpServer server;

	private final Set<BigInteger> revoked = ConcurrentHashMap.newKeySet();

	private final AtomicInteger requests = new AtomicInteger();

	private OcspResponder(Authority ca) throws IOException {
		this.ca = ca;
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	public static OcspResponder start(Authority ca) {
		try {
			return new OcspResponder(ca);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/";
	}

	public void revoke(X509Certificate certificate) {
		this.revoked.add(certificate.getSerialNumber());
	}

	/** How many status requests arrived: proof that the client asked. */
	public int requests() {
		return this.requests.get();
	}

	private void answer(HttpExchange exchange) throws IOException {
		this.requests.incrementAndGet();
		try (exchange; InputStream in = exchange.getRequestBody()) {
			// Small requests come as GET /<url-encoded base64 DER> (RFC 6960 A.1), larger
			// ones as POST bodies.
			byte[] der = "GET".equals(exchange.getRequestMethod()) ? Base64.getDecoder()
				.decode(URLDecoder.decode(exchange.getRequestURI().getRawPath().substring(1), StandardCharsets.UTF_8))
					: in.readAllBytes();
			byte[] response = respond(new OCSPReq(der)).getEncoded();
			exchange.getResponseHeaders().add("Content-Type", "application/ocsp-response");
			exchange.sendResponseHeaders(200, response.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(response);
			}
		}
		catch (Exception ex) {
			throw new IOException("The test OCSP responder failed", ex);
		}
	}

	private OCSPResp respond(OCSPReq request) throws Exception {
		X509CertificateHolder issuer = new JcaX509CertificateHolder(this.ca.certificate());
		BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(this.ca.certificate().getPublicKey(),
				new JcaDigestCalculatorProviderBuilder().build().get(org.bouncycastle.cert.ocsp.RespID.HASH_SHA1));
		Date now = new Date();
		for (Req single : request.getRequestList()) {
			CertificateStatus status = this.revoked.contains(single.getCertID().getSerialNumber())
					? new RevokedStatus(new Date(now.getTime() - 60_000), CRLReason.keyCompromise)
					: CertificateStatus.GOOD;
			builder.addResponse(single.getCertID(), status, now, new Date(now.getTime() + 3_600_000));
		}
		BasicOCSPResp basic = builder.build(
				new JcaContentSignerBuilder("SHA256withRSA").build(this.ca.keys().getPrivate()),
				new X509CertificateHolder[] { issuer }, now);
		return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
