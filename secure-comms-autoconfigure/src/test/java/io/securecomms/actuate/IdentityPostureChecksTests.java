package io.securecomms.actuate;

import java.time.Instant;
import java.util.List;

import io.securecomms.actuate.PostureReport.CertificatePosture;
import io.securecomms.actuate.PostureReport.Check;

import io.securecomms.actuate.PostureReport.MiddlewarePosture;
import io.securecomms.actuate.PostureReport.TargetPosture;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identity providers are judged by the same ASVS checks as the middleware connections
 * they are listed with.
 */
class IdentityPostureChecksTests {

	private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

	private static final ConnectorPosture SERVER = new ConnectorPosture("server", 8443, "tls", PROTOCOLS, "none", true);

	private static final TargetPosture DEFAULTS = new TargetPosture("default", List.of(), "idp", false, null, List.of(),
			"soft-fail", List.of());

	private static final CertificatePosture FRESH = new CertificatePosture("server", "presents", "CN=app", "CN=ca", "1",
			Instant.now().plusSeconds(86400 * 300), 300, false);

	@Test
	void aPlaintextIdentityProviderFailsAndAVerifiedOneNamesItsTrust() {
		MiddlewarePosture plaintext = new MiddlewarePosture("identity",
				"saml (spring.security.saml2.relyingparty.registration.saml)", List.of("idp.example:80"), "weakened",
				"the JVM's default SSL context", true,
				List.of("spring.security.saml2.relyingparty.registration.saml.assertingparty.metadata-uri=http://idp.example: plaintext"));
		MiddlewarePosture verified = new MiddlewarePosture("identity",
				"corp (spring.security.oauth2.client.provider.corp; registrations corp)", List.of("idp.example:443"),
				"tls", "idp (secure.comms.client.trust-bundle)", true, List.of());

		List<Check> checks = checks(List.of(plaintext, verified));

		assertThat(status(checks, "V12.3.1"))
			.isEqualTo("fail: identity client saml (spring.security.saml2.relyingparty.registration.saml) (weakened)");
		assertThat(status(checks, "V12.2.1")).startsWith("fail: identity client saml");
		assertThat(detail(checks, "V12.3.4")).contains("identity: idp (secure.comms.client.trust-bundle)");
		assertThat(status(checks(List.of(verified)), "V12.3.1")).isEqualTo("pass");
	}

	private static List<Check> checks(List<MiddlewarePosture> identity) {
		return new PostureChecks(PROTOCOLS, List.of("TLS_AES_256_GCM_SHA384"), List.of(SERVER), List.of(DEFAULTS),
				false, List.of(), List.of(), "databases", "soft-fail", List.of(FRESH), identity)
			.evaluate();
	}

	private static String detail(List<Check> checks, String requirement) {
		return checks.stream()
			.filter((check) -> check.requirement().endsWith(requirement))
			.findFirst()
			.orElseThrow()
			.detail();
	}

	private static String status(List<Check> checks, String requirement) {
		return checks.stream()
			.filter((check) -> check.requirement().endsWith(requirement))
			.map((check) -> check.status() + (check.status().equals(Check.PASS) ? "" : ": " + check.detail()))
			.findFirst()
			.orElseThrow();
	}

}
