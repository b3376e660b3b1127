package io.securecomms.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.securecomms.test.Testssl.Finding;
import io.securecomms.test.Testssl.Findings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Testssl.Findings}: the verdicts hold on the findings of a hardened port (as
 * testssl 3.0 words them) and name the finding that breaks each one.
 */
class TestsslFindingsTests {

	@Test
	void aHardenedPortHasNoProblem() {
		Findings findings = new Findings("hardened", hardened());

		assertThat(findings.protocolProblems()).isEmpty();
		assertThat(findings.cipherSuiteProblems()).isEmpty();
		assertThat(findings.cipherOrderProblems()).isEmpty();
		assertThat(findings.hstsProblems(Duration.ofDays(365))).isEmpty();
		assertThat(findings.vulnerabilities()).isEmpty();
		assertThat(findings.compressionAndRenegotiationProblems()).isEmpty();
	}

	@Test
	void eachWeaknessIsNamed() {
		List<Finding> weak = new ArrayList<>(hardened());
		weak.replaceAll((finding) -> switch (finding.id()) {
			case "TLS1_1" -> new Finding("TLS1_1", "LOW", "offered (deprecated)");
			case "cipher_order" -> new Finding("cipher_order", "MEDIUM", "client");
			case "HSTS_time" -> new Finding("HSTS_time", "OK", "180 days (=15552000 seconds)");
			case "secure_client_renego" -> new Finding("secure_client_renego", "HIGH", "VULNERABLE, DoS threat");
			default -> finding;
		});
		weak.add(new Finding("cipher-tls1_2_xc027", "LOW",
				"xc027 ECDHE-RSA-AES128-SHA256 ECDH 253 AES 128 TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"));
		Findings findings = new Findings("weak", weak);

		assertThat(findings.protocolProblems()).singleElement().asString().startsWith("TLS1_1");
		assertThat(findings.cipherSuiteProblems()).singleElement().asString().contains("CBC_SHA256");
		assertThat(findings.cipherOrderProblems()).singleElement().asString().contains("client");
		assertThat(findings.hstsProblems(Duration.ofDays(365))).singleElement().asString().contains("15552000");
		assertThat(findings.vulnerabilities()).singleElement().asString().startsWith("secure_client_renego");
		assertThat(findings.compressionAndRenegotiationProblems()).singleElement()
			.asString()
			.startsWith("secure_client_renego");
	}

	@Test
	void atLeastListsEveryFindingFromTheSeverityUpAndEveryWarningButTheExceptions() {
		List<Finding> findings = new ArrayList<>(List.of(new Finding("TLS1_2", "OK", "offered"),
				new Finding("cert_ocspURL", "INFO", "http://127.0.0.1:8446/"),
				new Finding("OCSP_stapling", "OK", "offered")));
		Findings clean = new Findings("clean", List.copyOf(findings));
		findings.add(new Finding("DNS_CAArecord", "LOW", "--"));
		findings.add(new Finding("security_headers", "MEDIUM", "--"));
		findings.add(new Finding("HTTP_status_code", "WARN", "Unexpected 406  @ '/api/hello'"));
		findings.add(new Finding("cert_serialNumberLen", "LOW", "7 is not enough entropy"));
		Findings scan = new Findings("headers", findings);

		assertThat(scan.atLeast("LOW", Set.of("DNS_CAArecord"))).containsExactly("security_headers [MEDIUM] --",
				"HTTP_status_code [WARN] Unexpected 406  @ '/api/hello'",
				"cert_serialNumberLen [LOW] 7 is not enough entropy");
		assertThat(scan.atLeast("MEDIUM", Set.of())).containsExactly("security_headers [MEDIUM] --",
				"HTTP_status_code [WARN] Unexpected 406  @ '/api/hello'");
		assertThat(clean.atLeast("LOW", Set.of())).isEmpty();
	}

	private static List<Finding> hardened() {
		return List.of(new Finding("SSLv2", "OK", "not offered"), new Finding("SSLv3", "OK", "not offered"),
				new Finding("TLS1", "OK", "not offered"), new Finding("TLS1_1", "OK", "not offered"),
				new Finding("TLS1_2", "OK", "offered"), new Finding("TLS1_3", "OK", "offered with final"),
				new Finding("cipher-tls1_3_x1302", "OK",
						"x1302 TLS_AES_256_GCM_SHA384 ECDH 253 AESGCM 256 " + "TLS_AES_256_GCM_SHA384"),
				new Finding("cipher-tls1_2_xc030", "OK",
						"xc030 ECDHE-RSA-AES256-GCM-SHA384 ECDH 253 AESGCM 256 "
								+ "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
				new Finding("cipherlist_NULL", "OK", "not offered"),
				new Finding("cipherlist_aNULL", "OK", "not offered"),
				new Finding("cipherlist_EXPORT", "OK", "not offered"),
				new Finding("cipherlist_LOW", "OK", "not offered"),
				new Finding("cipherlist_3DES_IDEA", "INFO", "not offered"),
				new Finding("cipherlist_AVERAGE", "LOW", "not offered"), new Finding("PFS", "OK", "offered"),
				new Finding("cipher_order", "OK", "server"),
				new Finding("HSTS_time", "OK", "730 days (=63072000 seconds) > 31536000 seconds"),
				new Finding("CRIME_TLS", "OK", "not vulnerable"), new Finding("secure_renego", "OK", "supported"),
				new Finding("secure_client_renego", "OK", "not vulnerable"));
	}

}
