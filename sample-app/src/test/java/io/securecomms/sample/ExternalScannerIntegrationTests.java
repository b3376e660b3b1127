package io.securecomms.sample;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.condition.EnabledIf;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Scans the running sample's HTTPS port and its management port (which requires a client certificate) with an
 * independent TLS scanner, Debian's {@code testssl} (package {@code testssl.sh}), and proves from its JSON
 * findings that both ports offer only TLS 1.2 and 1.3, only forward-secret AEAD cipher suites in the server's
 * own order, send HSTS for at least a year, and show no vulnerability, no TLS compression and no insecure
 * renegotiation. The scanner's JSON and logs are kept in {@code target/testssl}. Skipped when {@code testssl} is
 * not on the {@code PATH}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.pki.dir=" + ExternalScannerIntegrationTests.PKI_DIR,
				"secure.comms.server.http-redirect-port=0", "sample.partner.port=0", "sample.impostor.port=0" })
@TestInstance(Lifecycle.PER_CLASS)
@EnabledIf(value = "testsslIsOnThePath", disabledReason = "testssl (Debian package testssl.sh) is not on the PATH")
class ExternalScannerIntegrationTests {

	static final String PKI_DIR = "target/scanner-tests-pki";

	private static final String TESTSSL = "testssl";

	private static final Path OUTPUT_DIR = Path.of("target", "testssl").toAbsolutePath();

	private static final Duration SCAN_TIMEOUT = Duration.ofSeconds(150);

	private static final long ONE_YEAR_IN_SECONDS = Duration.ofDays(365).toSeconds();

	/**
	 * {@code -p} protocols, {@code -s} cipher categories, {@code -f} forward secrecy, {@code -E} every cipher
	 * suite per protocol, {@code -P} server preferences (cipher order), {@code -h} HTTP headers (HSTS),
	 * {@code -U} every vulnerability check (CRIME, renegotiation, Heartbleed, ROBOT, ...). Not run:
	 * {@code -S} (server defaults), whose certificate findings judge a certificate from a public CA (chain of
	 * trust to public roots, CRL or OCSP URI, OCSP stapling and must-staple, Certificate Transparency, DNS CAA,
	 * EV) and fail by design for the private development CA; {@code -c} (client simulation) and {@code -g}
	 * (GREASE and size bugs), which are informational and slow. Without {@code --phone-out} nothing contacts CRL
	 * or OCSP servers, and with {@code --ip} and {@code --nodns none} nothing asks DNS.
	 */
	private static final List<String> CHECKS = List.of("-p", "-s", "-f", "-E", "-P", "-h", "-U");

	private static final List<String> LEGACY_PROTOCOLS = List.of("SSLv2", "SSLv3", "TLS1", "TLS1_1");

	/** NULL, anonymous, EXPORT, LOW (DES, RC2, RC4), 3DES and IDEA, and "AVERAGE" (the obsolete CBC suites). */
	private static final List<String> WEAK_CIPHER_CATEGORIES = List.of("cipherlist_NULL", "cipherlist_aNULL",
			"cipherlist_EXPORT", "cipherlist_LOW", "cipherlist_3DES_IDEA", "cipherlist_AVERAGE");

	/** TLS 1.3 AES-GCM and ChaCha20-Poly1305, and TLS 1.2 (EC)DHE with the same. */
	private static final Pattern FORWARD_SECRET_AEAD = Pattern.compile("TLS_((ECDHE|DHE)_(ECDSA|RSA)_WITH_)?"
			+ "(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)");

	private static final Pattern HSTS_SECONDS = Pattern.compile("\\(=(\\d+) seconds\\)");

	/** Matches "VULNERABLE", "potentially vulnerable", "likely VULNERABLE", but not "not vulnerable". */
	private static final Pattern VULNERABLE = Pattern.compile("(?i)(?<!not )vulnerable");

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	private List<Scan> scans;

	static boolean testsslIsOnThePath() {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, TESTSSL)));
	}

	/** Both ports at once: the scanner spends most of its time waiting for the server. */
	@BeforeAll
	void scanBothPorts() throws Exception {
		Files.createDirectories(OUTPUT_DIR);
		Path openssl = opensslPresentingTheClientCertificate();
		List<Process> scanners = new ArrayList<>();
		try {
			scanners.add(startScan("https", "https://localhost:" + this.port + "/", List.of()));
			scanners.add(startScan("management", "https://localhost:" + this.managementPort + "/actuator/prometheus",
					List.of("--openssl", openssl.toString())));
			this.scans = List.of(awaitScan("https", scanners.get(0)), awaitScan("management", scanners.get(1)));
		}
		finally {
			scanners.forEach(ExternalScannerIntegrationTests::stop);
		}
	}

	@Test
	void offersOnlyTls12AndTls13() {
		assertEachScan((softly, scan) -> {
			for (String protocol : LEGACY_PROTOCOLS) {
				assertFinding(softly, scan, protocol, startsWith("not offered"), "not offered");
			}
			assertFinding(softly, scan, "TLS1_2", startsWith("offered"), "offered");
			assertFinding(softly, scan, "TLS1_3", startsWith("offered"), "offered");
		});
	}

	@Test
	void offersOnlyForwardSecretAeadCipherSuites() {
		assertEachScan((softly, scan) -> {
			List<Finding> suites = scan.findingsStartingWith("cipher-");
			softly.assertThat(suites)
				.as("%s: testssl findings 'cipher-<protocol>_<hexcode>' (each offered cipher suite)", scan)
				.isNotEmpty();
			for (Finding suite : suites) {
				softly.assertThat(suite.ianaCipherSuite())
					.as("%s: testssl finding '%s' (%s) must be a forward-secret AEAD suite", scan, suite.id(),
							suite.finding())
					.matches(FORWARD_SECRET_AEAD);
			}
			for (String category : WEAK_CIPHER_CATEGORIES) {
				assertFinding(softly, scan, category, startsWith("not offered"), "not offered");
			}
			assertFinding(softly, scan, "PFS", startsWith("offered"), "offered");
		});
	}

	@Test
	void enforcesTheServerCipherOrder() {
		assertEachScan((softly, scan) -> assertFinding(softly, scan, "cipher_order",
				(finding) -> finding.finding().equals("server"), "'server' for TLS 1.3 and below"));
	}

	@Test
	void sendsHstsForAtLeastOneYear() {
		assertEachScan((softly, scan) -> {
			Optional<Finding> hsts = scan.find("HSTS_time");
			softly.assertThat(hsts)
				.as("%s: testssl finding 'HSTS_time' (%s)", scan,
						scan.find("HSTS").map(Finding::toString).orElse("no HSTS finding at all"))
				.isPresent();
			hsts.ifPresent((finding) -> softly.assertThat(hstsSeconds(finding))
				.as("%s: testssl finding '%s' max-age in seconds", scan, finding)
				.isGreaterThanOrEqualTo(ONE_YEAR_IN_SECONDS));
		});
	}

	/** MEDIUM and LOW findings that are not vulnerabilities (say, missing X-Frame-Options) do not count. */
	@Test
	void reportsNoVulnerability() {
		assertEachScan((softly, scan) -> softly.assertThat(scan.findings())
			.as("%s: testssl findings with severity CRITICAL or HIGH, or that read vulnerable", scan)
			.filteredOn(Finding::isVulnerable)
			.isEmpty());
	}

	@Test
	void hasNoTlsCompressionAndOnlySecureRenegotiation() {
		assertEachScan((softly, scan) -> {
			assertFinding(softly, scan, "CRIME_TLS", ok().and(startsWith("not vulnerable")), "OK, not vulnerable");
			assertFinding(softly, scan, "secure_renego", ok().and(startsWith("supported")), "OK, supported");
			assertFinding(softly, scan, "secure_client_renego", ok().and(contains("not vulnerable")),
					"OK, not vulnerable");
		});
	}

	private void assertEachScan(ScanAssertion assertion) {
		SoftAssertions.assertSoftly((softly) -> this.scans.forEach((scan) -> assertion.check(softly, scan)));
	}

	private static void assertFinding(SoftAssertions softly, Scan scan, String id, Predicate<Finding> expected,
			String expectation) {
		Optional<Finding> finding = scan.find(id);
		softly.assertThat(finding).as("%s: testssl finding '%s'", scan, id).isPresent();
		finding.ifPresent((actual) -> softly.assertThat(actual)
			.as("%s: testssl finding '%s'", scan, id)
			.matches(expected, expectation));
	}

	private static Predicate<Finding> ok() {
		return (finding) -> finding.severity().equals("OK");
	}

	private static Predicate<Finding> startsWith(String prefix) {
		return (finding) -> finding.finding().startsWith(prefix);
	}

	private static Predicate<Finding> contains(String text) {
		return (finding) -> finding.finding().contains(text);
	}

	private static long hstsSeconds(Finding finding) {
		Matcher seconds = HSTS_SECONDS.matcher(finding.finding());
		return seconds.find() ? Long.parseLong(seconds.group(1)) : -1;
	}

	/**
	 * testssl 3.0 (Debian 12) has no {@code --mtls}: it runs {@code openssl s_client} through this wrapper,
	 * which adds the sample's client certificate, so that the management port completes its handshakes and
	 * answers HTTP. Socket-based checks send no certificate; they only need the server's hello.
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

	private static Process startScan(String name, String url, List<String> options) throws IOException {
		Files.deleteIfExists(json(name));
		Files.deleteIfExists(log(name));
		List<String> command = new ArrayList<>(List.of(TESTSSL, "--quiet", "--color", "0", "--warnings", "off",
				"--ip", "127.0.0.1", "--nodns", "none", "--connect-timeout", "10", "--openssl-timeout", "10"));
		command.addAll(options);
		command.addAll(CHECKS);
		command.addAll(List.of("--jsonfile", json(name).toString(), "--logfile", log(name).toString(), url));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(console(name).toFile());
		// testssl grades HSTS max-age against this many days (180 by default)
		builder.environment().put("HSTS_MIN", "365");
		Process process = builder.start();
		process.getOutputStream().close();
		return process;
	}

	/**
	 * testssl's exit code is no verdict (3.0 exits with 1 after some checks that found a weakness): a scan
	 * that could not run reports {@code scanProblem} instead, and every assertion requires its finding.
	 */
	private static Scan awaitScan(String name, Process process) throws Exception {
		if (!process.waitFor(SCAN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			fail("testssl did not finish scanning %s within %s, see %s", name, SCAN_TIMEOUT, log(name));
		}
		assertThat(json(name)).as("testssl findings for %s, see %s", name, console(name)).isRegularFile();
		Scan scan = new Scan(name, readFindings(json(name)));
		assertThat(scan.findings()).as("%s: testssl scan problems, see %s", scan, log(name))
			.filteredOn((finding) -> finding.id().equals("scanProblem") || finding.severity().equals("FATAL"))
			.isEmpty();
		return scan;
	}

	private static void stop(Process scanner) {
		scanner.descendants().forEach(ProcessHandle::destroyForcibly);
		scanner.destroyForcibly();
	}

	private static List<Finding> readFindings(Path json) {
		List<Finding> findings = new ArrayList<>();
		for (JsonNode finding : JsonMapper.shared().readTree(json)) {
			findings.add(new Finding(finding.path("id").asString(), finding.path("severity").asString(),
					finding.path("finding").asString()));
		}
		return findings;
	}

	private static Path json(String name) {
		return OUTPUT_DIR.resolve(name + ".json");
	}

	private static Path log(String name) {
		return OUTPUT_DIR.resolve(name + ".log");
	}

	private static Path console(String name) {
		return OUTPUT_DIR.resolve(name + "-console.txt");
	}

	@FunctionalInterface
	private interface ScanAssertion {

		void check(SoftAssertions softly, Scan scan);

	}

	private record Scan(String name, List<Finding> findings) {

		Optional<Finding> find(String id) {
			return this.findings.stream().filter((finding) -> finding.id().equals(id)).findFirst();
		}

		List<Finding> findingsStartingWith(String prefix) {
			return this.findings.stream().filter((finding) -> finding.id().startsWith(prefix)).toList();
		}

		@Override
		public String toString() {
			return this.name + " port";
		}

	}

	private record Finding(String id, String severity, String finding) {

		boolean isVulnerable() {
			return this.severity.equals("CRITICAL") || this.severity.equals("HIGH")
					|| VULNERABLE.matcher(this.finding).find();
		}

		/** The last column of a {@code -E} finding, such as {@code TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384}. */
		String ianaCipherSuite() {
			String[] columns = this.finding.trim().split("\\s+");
			return columns[columns.length - 1];
		}

		@Override
		public String toString() {
			return this.id + " [" + this.severity + "] " + this.finding;
		}

	}

}
