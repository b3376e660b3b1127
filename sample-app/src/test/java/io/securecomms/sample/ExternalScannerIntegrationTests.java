package io.securecomms.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.securecomms.test.Testssl;
import io.securecomms.test.TestsslVerdicts;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Scans the running sample's HTTPS port and its management port (which requires a client
 * certificate) with an independent TLS scanner, Debian's {@code testssl} (package
 * {@code testssl.sh}, through secure-comms-test's {@link Testssl} and
 * {@link TestsslVerdicts}), and proves from its findings that both ports offer only TLS
 * 1.2 and 1.3, only forward-secret AEAD cipher suites in the server's own order, send
 * HSTS for at least a year, staple an OCSP response, and show no vulnerability, no TLS
 * compression and no insecure renegotiation.
 * <p>
 * Besides secure-comms-test's fixed checks the scan runs {@code -S} (server defaults: the
 * certificate, its chain of trust, its revocation information, OCSP stapling, session
 * tickets), with the development CA named by {@code --add-ca} as any client of the sample
 * is given it; and then nothing at all may be reported at LOW or worse (nor a
 * {@code WARN}, a check that could not be made), security headers included. The one
 * exception is {@value #DNS_CAA}: a DNS CAA record says which public CAs may issue for a
 * domain, which cannot apply to {@code localhost} and a private CA (and the scan runs
 * with {@code --nodns none}, so testssl 3.0 reports it as skipped, at INFO; a testssl
 * that judged it regardless would not fail the test for it). Revocation is not fetched by
 * the scanner ({@code --phone-out} would also query a public key-compromise service); the
 * stapled response it receives is checked ({@code cert_ocspRevoked}).
 * <p>
 * The scanner's JSON and logs are kept in {@code target/testssl}. Skipped when
 * {@code testssl} is not on the {@code PATH}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.pki.dir=" + ExternalScannerIntegrationTests.PKI_DIR,
				"secure.comms.server.http-redirect-port=0", "sample.partner.port=0", "sample.impostor.port=0",
				"sample.ocsp.port=0", "sample.crl.port=0" })
@TestInstance(Lifecycle.PER_CLASS)
@EnabledIf(value = "io.securecomms.test.Testssl#isOnThePath",
		disabledReason = "testssl (Debian package testssl.sh) is not on the PATH")
class ExternalScannerIntegrationTests extends TestsslVerdicts {

	static final String PKI_DIR = "target/scanner-tests-pki";

	private static final Path OUTPUT_DIR = Path.of("target", "testssl").toAbsolutePath();

	private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(240);

	/** The only finding that may be LOW or worse: see the class description. */
	static final String DNS_CAA = "DNS_CAArecord";

	/** Judged by a real client instead: see {@link #provenElsewhere()}. */
	static final String CLIENT_RENEGOTIATION = "secure_client_renego";

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private List<Testssl.Findings> scans;

	/**
	 * Both ports at once: the scanner spends most of its time waiting for the server. The
	 * application port is scanned at {@code /}, which Spring Security refuses (403, with
	 * every header): testssl asks for {@code Accept: text/*}, which the JSON API answers
	 * with 406, a status testssl reports as a WARN.
	 */
	@BeforeAll
	void scanBothPorts() throws Exception {
		Path openssl = opensslPresentingTheClientCertificate();
		String ca = Path.of(PKI_DIR, DevelopmentPki.CA_CERTIFICATE).toAbsolutePath().toString();
		try (Testssl.Scanning https = Testssl.scan("https", "https://localhost:" + this.port + "/", OUTPUT_DIR,
				List.of("--add-ca", ca), List.of("-S"));
				Testssl.Scanning management = Testssl.scan("management",
						"https://localhost:" + this.managementPort + "/actuator/prometheus", OUTPUT_DIR,
						List.of("--openssl", openssl.toString(), "--add-ca", ca), List.of("-S"))) {
			this.scans = List.of(https.await(SCAN_TIMEOUT), management.await(SCAN_TIMEOUT));
		}
	}

	@Override
	protected List<Testssl.Findings> scans() {
		return this.scans;
	}

	/**
	 * testssl 3.0 judges client-initiated renegotiation by the exit code of
	 * {@code openssl s_client} after it typed {@code R}: Tomcat refuses the renegotiation
	 * and closes the connection, and whether s_client then exits with an error depends on
	 * timing, so the finding flips between runs. The refusal itself is proven
	 * deterministically with a real client by {@code ServerTlsContract}'s
	 * {@code aClientsRenegotiationIsRefused} (no response, connection closed at once) on
	 * Tomcat, Jetty and Reactor Netty.
	 */
	@Override
	protected Set<String> provenElsewhere() {
		return Set.of(CLIENT_RENEGOTIATION);
	}

	/**
	 * The server fetched its certificate's status from the development responder and
	 * sends it in the handshake; the scanner verified it against the CA.
	 */
	@Test
	void staplesAGoodOcspResponse() {
		assertEachScan((scan) -> {
			List<String> problems = new ArrayList<>();
			expect(problems, scan, "OCSP_stapling", "OK", "offered");
			expect(problems, scan, "cert_ocspRevoked", "OK", "not revoked");
			expect(problems, scan, "cert_chain_of_trust", "OK", "passed");
			expect(problems, scan, "cert_ocspURL", "INFO", "http://127.0.0.1:");
			expect(problems, scan, "cert_crlDistributionPoints", "INFO", "http://127.0.0.1:");
			return problems;
		});
	}

	/**
	 * Nothing at LOW or worse (vulnerabilities are judged by {@link TestsslVerdicts}) on
	 * either port: the security headers, the certificate and its revocation information
	 * included. A {@code WARN} is testssl saying a check could not be made (on a loaded
	 * two-core machine, a connection that timed out): it says nothing of the server, and
	 * is not judged here.
	 */
	@Test
	void reportsNothingAtLowOrWorse() {
		assertEachScan((scan) -> scan.atLeast("LOW", Set.of(DNS_CAA, CLIENT_RENEGOTIATION))
			.stream()
			.filter((finding) -> !finding.contains(" [WARN] "))
			.toList());
	}

	private static void expect(List<String> problems, Testssl.Findings scan, String id, String severity,
			String prefix) {
		Optional<Testssl.Finding> finding = scan.find(id);
		if (finding.isEmpty() || !finding.get().severity().equals(severity)
				|| !finding.get().finding().startsWith(prefix)) {
			problems.add(id + " should be " + severity + ", '" + prefix + "...': "
					+ finding.map(Testssl.Finding::toString).orElse("missing"));
		}
	}

	private void assertEachScan(Function<Testssl.Findings, List<String>> problems) {
		SoftAssertions.assertSoftly((softly) -> this.scans.forEach(
				(scan) -> softly.assertThat(problems.apply(scan)).as("%s port: testssl findings", scan).isEmpty()));
	}

	/**
	 * testssl 3.0 (Debian 12) has no {@code --mtls}: it runs {@code openssl s_client}
	 * through this wrapper, which adds the sample's client certificate, so that the
	 * management port completes its handshakes and answers HTTP. Socket-based checks send
	 * no certificate; they only need the server's hello.
	 */
	private static Path opensslPresentingTheClientCertificate() throws IOException {
		Path pki = Path.of(PKI_DIR).toAbsolutePath();
		Path identity = writeOwnerOnly(pki.resolve("scanner-client.pem"), "rw-------",
				Files.readString(pki.resolve(DevelopmentPki.CLIENT_CERTIFICATE))
						+ Files.readString(pki.resolve(DevelopmentPki.CLIENT_KEY)));
		return writeOwnerOnly(pki.resolve("openssl-with-client-certificate"), "rwx------", """
				#!/bin/sh
				if [ "$1" = s_client ]; then
					exec openssl "$@" -cert '%s'
				fi
				exec openssl "$@"
				""".formatted(identity));
	}

	private static Path writeOwnerOnly(Path file, String permissions, String content) throws IOException {
		Files.deleteIfExists(file);
		Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
		return Files.writeString(file, content);
	}

}
