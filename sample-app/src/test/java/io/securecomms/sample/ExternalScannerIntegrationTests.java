package io.securecomms.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.securecomms.test.Testssl;
import io.securecomms.test.TestsslVerdicts;
import org.junit.jupiter.api.BeforeAll;
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
 * {@code testssl.sh}, through secure-comms-test's {@link Testssl}), and proves from its
 * findings that both ports offer only TLS 1.2 and 1.3, only forward-secret AEAD cipher
 * suites in the server's own order, send HSTS for at least a year, and show no
 * vulnerability, no TLS compression and no insecure renegotiation. The scanner's JSON and
 * logs are kept in {@code target/testssl}. Skipped when {@code testssl} is not on the
 * {@code PATH}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.pki.dir=" + ExternalScannerIntegrationTests.PKI_DIR,
				"secure.comms.server.http-redirect-port=0", "sample.partner.port=0", "sample.impostor.port=0" })
@TestInstance(Lifecycle.PER_CLASS)
@EnabledIf(value = "io.securecomms.test.Testssl#isOnThePath",
		disabledReason = "testssl (Debian package testssl.sh) is not on the PATH")
class ExternalScannerIntegrationTests extends TestsslVerdicts {

	static final String PKI_DIR = "target/scanner-tests-pki";

	private static final Path OUTPUT_DIR = Path.of("target", "testssl").toAbsolutePath();

	private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(150);

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private List<Testssl.Findings> scans;

	/** Both ports at once: the scanner spends most of its time waiting for the server. */
	@BeforeAll
	void scanBothPorts() throws Exception {
		Path openssl = opensslPresentingTheClientCertificate();
		try (Testssl.Scanning https = Testssl.scan("https", "https://localhost:" + this.port + "/", OUTPUT_DIR,
				List.of());
				Testssl.Scanning management = Testssl.scan("management",
						"https://localhost:" + this.managementPort + "/actuator/prometheus", OUTPUT_DIR,
						List.of("--openssl", openssl.toString()))) {
			this.scans = List.of(https.await(SCAN_TIMEOUT), management.await(SCAN_TIMEOUT));
		}
	}

	@Override
	protected List<Testssl.Findings> scans() {
		return this.scans;
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
