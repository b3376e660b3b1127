package io.securecomms.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.cert.ocsp.jcajce.JcaBasicOCSPRespBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * Where the {@link DevelopmentPki development CA} publishes the revocation status of what
 * it issued, started beside the application on loopback like the other development
 * backends (not part of the application): an OCSP responder (RFC 6960, GET and POST) and
 * a CRL endpoint ({@value DevelopmentPki#CRL_PATH}, DER), each on its own port, the ports
 * the PKI's certificates name. Both sign with the CA's own key. The responder answers
 * {@code good} for the certificates the CA issued, {@code revoked} for those
 * {@link #revoke revoked}, and {@code unknown} for anything else (another issuer, a
 * serial the CA never issued), which a hard-failing client refuses. Listens from
 * construction on, so that the handshakes made while the application starts (the
 * database's) can be checked.
 */
final class DevelopmentRevocation implements AutoCloseable {

	/** How long a status or a CRL may be relied on (nextUpdate). */
	static final Duration VALIDITY = Duration.ofHours(1);

	private static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";

	private final X509Certificate ca;

	private final PrivateKey caKey;

	private final Set<BigInteger> issued;

	private final Map<BigInteger, Date> revoked = new ConcurrentHashMap<>();

	private final AtomicLong crlNumber = new AtomicLong();

	private final AtomicInteger ocspRequests = new AtomicInteger();

	private final AtomicInteger crlRequests = new AtomicInteger();

	private final ExecutorService executor = Executors.newFixedThreadPool(2);

	private final HttpServer ocsp;

	private final HttpServer crl;

	DevelopmentRevocation(DevelopmentPki pki, int ocspPort, int crlPort) throws IOException, GeneralSecurityException {
		this.ca = pki.caCertificate();
		this.caKey = pki.caKey();
		this.issued = pki.issuedCertificates()
			.stream()
			.map(X509Certificate::getSerialNumber)
			.collect(Collectors.toUnmodifiableSet());
		this.ocsp = server(ocspPort, "/", this::answerOcsp);
		try {
			this.crl = server(crlPort, DevelopmentPki.CRL_PATH, this::answerCrl);
		}
		catch (IOException ex) {
			this.ocsp.stop(0);
			this.executor.shutdown();
			throw ex;
		}
		this.ocsp.start();
		this.crl.start();
	}

	private HttpServer server(int port, String path, DevelopmentBackends.Handler handler) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext(path, (exchange) -> {
			try (exchange) {
				handler.handle(exchange);
			}
		});
		server.setExecutor(this.executor);
		return server;
	}

	String ocspUrl() {
		return "http://127.0.0.1:" + this.ocsp.getAddress().getPort() + "/";
	}

	String crlUrl() {
		return "http://127.0.0.1:" + this.crl.getAddress().getPort() + DevelopmentPki.CRL_PATH;
	}

	/**
	 * Revokes a certificate the CA issued: from now on the responder says {@code revoked}
	 * and the CRL lists it.
	 */
	void revoke(X509Certificate certificate) {
		this.revoked.putIfAbsent(certificate.getSerialNumber(), new Date());
	}

	/** How many OCSP requests arrived: proof that someone asked. */
	int ocspRequests() {
		return this.ocspRequests.get();
	}

	/** How many times the CRL was fetched. */
	int crlRequests() {
		return this.crlRequests.get();
	}

	private void answerOcsp(HttpExchange exchange) throws IOException {
		this.ocspRequests.incrementAndGet();
		OCSPReq request;
		try (InputStream in = exchange.getRequestBody()) {
			request = new OCSPReq(request(exchange, in));
		}
		catch (IOException | RuntimeException ex) {
			send(exchange, 200, "application/ocsp-response", malformed().getEncoded());
			return;
		}
		send(exchange, 200, "application/ocsp-response", respond(request).getEncoded());
	}

	/**
	 * Small requests come as {@code GET /<url-encoded base64 DER>} (RFC 6960 A.1), larger
	 * ones as POST bodies.
	 */
	private static byte[] request(HttpExchange exchange, InputStream body) throws IOException {
		if ("POST".equals(exchange.getRequestMethod())) {
			return body.readAllBytes();
		}
		if ("GET".equals(exchange.getRequestMethod())) {
			String encoded = exchange.getRequestURI().getRawPath().substring(1);
			return Base64.getDecoder().decode(URLDecoder.decode(encoded, StandardCharsets.UTF_8));
		}
		throw new IllegalArgumentException("not an OCSP request: " + exchange.getRequestMethod());
	}

	private OCSPResp respond(OCSPReq request) throws IOException {
		try {
			DigestCalculatorProvider digests = new JcaDigestCalculatorProviderBuilder().build();
			X509CertificateHolder issuer = new JcaX509CertificateHolder(this.ca);
			BasicOCSPRespBuilder builder = new JcaBasicOCSPRespBuilder(this.ca.getPublicKey(),
					digests.get(RespID.HASH_SHA1));
			Date now = new Date();
			Date nextUpdate = new Date(now.getTime() + VALIDITY.toMillis());
			for (Req single : request.getRequestList()) {
				builder.addResponse(single.getCertID(), status(single.getCertID(), issuer, digests), now, nextUpdate);
			}
			Extension nonce = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
			if (nonce != null) {
				builder.setResponseExtensions(new Extensions(nonce));
			}
			BasicOCSPResp basic = builder.build(signer(), new X509CertificateHolder[] { issuer }, now);
			return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic);
		}
		catch (GeneralSecurityException | OperatorCreationException | OCSPException ex) {
			throw new IOException("The development OCSP responder could not answer", ex);
		}
	}

	private CertificateStatus status(CertificateID id, X509CertificateHolder issuer, DigestCalculatorProvider digests)
			throws OCSPException {
		if (!id.matchesIssuer(issuer, digests) || !this.issued.contains(id.getSerialNumber())) {
			return new UnknownStatus();
		}
		Date revokedAt = this.revoked.get(id.getSerialNumber());
		return (revokedAt != null) ? new RevokedStatus(revokedAt, CRLReason.keyCompromise) : CertificateStatus.GOOD;
	}

	private static OCSPResp malformed() throws IOException {
		try {
			return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null);
		}
		catch (OCSPException ex) {
			throw new IOException(ex);
		}
	}

	private void answerCrl(HttpExchange exchange) throws IOException {
		this.crlRequests.incrementAndGet();
		if (!"GET".equals(exchange.getRequestMethod())
				|| !DevelopmentPki.CRL_PATH.equals(exchange.getRequestURI().getPath())) {
			send(exchange, 404, "text/plain", new byte[0]);
			return;
		}
		send(exchange, 200, "application/pkix-crl", crl());
	}

	/** A CRL signed now, listing what was revoked so far. */
	byte[] crl() throws IOException {
		try {
			Date now = new Date();
			X509v2CRLBuilder builder = new JcaX509v2CRLBuilder(this.ca.getSubjectX500Principal(), now);
			builder.setNextUpdate(new Date(now.getTime() + VALIDITY.toMillis()));
			this.revoked.forEach((serial, when) -> builder.addCRLEntry(serial, when, CRLReason.keyCompromise));
			builder.addExtension(Extension.cRLNumber, false,
					new CRLNumber(BigInteger.valueOf(this.crlNumber.incrementAndGet())));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(this.ca));
			return builder.build(signer()).getEncoded();
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IOException("The development CRL could not be signed", ex);
		}
	}

	private ContentSigner signer() throws OperatorCreationException {
		return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(this.caKey);
	}

	private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	@Override
	public void close() {
		this.ocsp.stop(0);
		this.crl.stop(0);
		this.executor.shutdown();
	}

}
