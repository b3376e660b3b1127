package io.securecomms.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What secure-comms promises of a server port, one test each, judged on the
 * {@link Testssl} scans a subclass made (in a {@code @BeforeAll} of a per-class test
 * instance, say): only TLS 1.2 and 1.3, only forward-secret AEAD suites, the server's
 * order, HSTS for at least a year, no vulnerability, no compression and no client
 * renegotiation. A failure lists every finding that breaks the promise, per scan.
 */
public abstract class TestsslVerdicts {

	/** The scans to judge; each test fails when one of them breaks its promise. */
	protected abstract List<Testssl.Findings> scans();

	/**
	 * Finding ids not judged here, because the subclass proves what they check another
	 * way (say why where you override it). None by default.
	 */
	protected Set<String> provenElsewhere() {
		return Set.of();
	}

	@Test
	void offersOnlyTls12AndTls13() {
		assertEachScan(Testssl.Findings::protocolProblems);
	}

	@Test
	void offersOnlyForwardSecretAeadCipherSuites() {
		assertEachScan(Testssl.Findings::cipherSuiteProblems);
	}

	@Test
	void enforcesTheServerCipherOrder() {
		assertEachScan(Testssl.Findings::cipherOrderProblems);
	}

	@Test
	void sendsHstsForAtLeastOneYear() {
		assertEachScan((scan) -> scan.hstsProblems(Duration.ofDays(365)));
	}

	/**
	 * MEDIUM and LOW findings that are not vulnerabilities (say, missing X-Frame-Options)
	 * do not count.
	 */
	@Test
	void reportsNoVulnerability() {
		assertEachScan(Testssl.Findings::vulnerabilities);
	}

	@Test
	void hasNoTlsCompressionAndOnlySecureRenegotiation() {
		assertEachScan(Testssl.Findings::compressionAndRenegotiationProblems);
	}

	private void assertEachScan(Function<Testssl.Findings, List<String>> problems) {
		List<Executable> checks = new ArrayList<>();
		for (Testssl.Findings scan : scans()) {
			List<String> found = problems.apply(scan)
				.stream()
				.filter((problem) -> provenElsewhere().stream().noneMatch(problem::startsWith))
				.toList();
			checks.add(() -> Assertions.assertTrue(found.isEmpty(), () -> scan + ": testssl findings " + found));
		}
		Assertions.assertAll(checks);
	}

}
