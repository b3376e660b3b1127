package io.securecomms.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.securecomms.policy.PolicyViolations;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Each insecure or broken setting stops startup with a report that names the property and
 * the fix, exactly as a user sees it on the console; in report mode the insecure ones
 * become a warning and a running application.
 */
@ExtendWith(OutputCaptureExtension.class)
class InsecureStartupTests {

	@TempDir
	static Path directory;

	static ServerPki pki;

	@BeforeAll
	static void certificates() {
		pki = ServerPki.create(directory);
		pki.ca().issue(Spec.server("localhost").rsa(1024)).writePem(directory, "weak-key");
		pki.ca().issue(Spec.server("localhost").signedWith("SHA1withRSA")).writePem(directory, "sha1");
		pki.ca().issue(Spec.server("localhost")).writePkcs12(directory, "server", "right-password");
	}

	static Stream<Arguments> insecureSettings() {
		return Stream.of(
				Arguments.of(List.of("secure.comms.tls.protocols=TLSv1.1"), "secure.comms.tls.protocols = 'TLSv1.1'",
						"TLS 1.1 is deprecated", "Remove TLSv1.1 from secure.comms.tls.protocols"),
				Arguments.of(List.of("secure.comms.tls.cipher-suites=TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
						"secure.comms.tls.cipher-suites = 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256'",
						"CBC mode is not AEAD",
						"Remove TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256 from secure.comms.tls.cipher-suites"),
				Arguments.of(List.of("secure.comms.tls.profile=paranoid"), "secure.comms.tls.profile = 'paranoid'",
						"'paranoid' is not a TLS profile",
						"Set secure.comms.tls.profile to one of [modern, intermediate]"),
				Arguments.of(List.of("secure.comms.tls.cipher-suites=TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384"),
						"secure.comms.tls.cipher-suites = 'TLS_ECDHE_RSA_WITH_ARIA_256_GCM_SHA384'",
						"this JVM does not support cipher suite", "allowed, strongest first: [TLS_AES_256_GCM_SHA384"),
				Arguments.of(List.of("server.ssl.enabled-protocols=TLSv1.2,TLSv1"),
						"server.ssl.enabled-protocols = 'TLSv1'", "the secure-comms policy replaces this list",
						"Remove TLSv1 from server.ssl.enabled-protocols"),
				Arguments.of(List.of("server.ssl.ciphers=TLS_RSA_WITH_AES_128_GCM_SHA256"),
						"server.ssl.ciphers = 'TLS_RSA_WITH_AES_128_GCM_SHA256'", "no forward secrecy",
						"Remove TLS_RSA_WITH_AES_128_GCM_SHA256 from server.ssl.ciphers"),
				Arguments.of(List.of("secure.comms.server.hsts.max-age=1d"),
						"secure.comms.server.hsts.max-age = '86400s'", "HSTS max-age below one year", "at least 365d"));
	}

	@ParameterizedTest
	@MethodSource("insecureSettings")
	void insecureSettingStopsStartup(List<String> setting, String what, String why, String fix, CapturedOutput output) {
		assertThatException().isThrownBy(() -> start(setting));

		assertThat(output).contains("APPLICATION FAILED TO START", what, why, fix);
	}

	@ParameterizedTest
	@MethodSource("insecureSettings")
	void reportModeWarnsAndRuns(List<String> setting, String what, String why, String fix, CapturedOutput output) {
		List<String> reported = new ArrayList<>(setting);
		reported.add("secure.comms.mode=report");
		try (RunningApp app = start(reported)) {
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting", why, fix)
				.doesNotContain("APPLICATION FAILED TO START");
			assertThat(app.context().getBean(PolicyViolations.class).reported())
				.anySatisfy((violation) -> assertThat(violation.problem()).contains(why));
		}
	}

	@Test
	void reportModeAppliesWhatWasAskedFor() {
		try (RunningApp app = start(List.of("secure.comms.mode=report", "secure.comms.tls.protocols=TLSv1.2,TLSv1.1",
				"secure.comms.tls.cipher-suites=TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"))) {
			assertThat(OpenSslClient.connect(app.port(), "-tls1_1", "-cipher", "ALL:@SECLEVEL=0").connected()).isTrue();
		}
	}

	@Test
	void plaintextServerStopsStartupWithTheYamlThatFixesIt(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningApp.start());

		assertThat(output).contains("server.ssl.bundle = '(not set)'", "the server port would listen on plaintext HTTP",
				"    server:\n      ssl:\n        bundle: server");
	}

	@Test
	void plaintextIsAllowedWhenTlsIsNotRequired() {
		try (RunningApp app = RunningApp.start("secure.comms.server.require-tls=false")) {
			assertThat(app.port()).isPositive();
		}
	}

	@Test
	void weakCertificateKeyStopsStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningApp.start(withServerBundle("weak-key")));

		assertThat(output).contains("spring.ssl.bundle.*.server.keystore",
				"RSA key of 1024 bits (at least 2048 required)", "Issue a new certificate");
	}

	@Test
	void sha1SignedCertificateStopsStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningApp.start(withServerBundle("sha1")));

		assertThat(output).contains("signed with SHA1withRSA (SHA-1 is broken");
	}

	@Test
	void missingKeyStoreIsNamed(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> RunningApp.start("server.ssl.key-store=file:" + directory.resolve("nope.p12"),
					"server.ssl.key-store-password=secret"));

		assertThat(output).contains("server.ssl.key-store = 'file:", "the key store file does not exist",
				"Point server.ssl.key-store at an existing, readable file");
	}

	@Test
	void wrongKeyStorePasswordIsNamedAndNotShown(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> RunningApp.start("server.ssl.key-store=file:" + directory.resolve("server.p12"),
					"server.ssl.key-store-password=wrong-one"));

		assertThat(output)
			.contains("server.ssl.key-store-password = '******'", "the key store password is wrong",
					"Set server.ssl.key-store-password to the password")
			.doesNotContain("wrong-one");
	}

	@Test
	void brokenKeyStoreStopsStartupEvenInReportMode(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningApp.start("secure.comms.mode=report",
				"server.ssl.key-store=file:" + directory.resolve("nope.p12"), "server.ssl.key-store-password=secret"));

		assertThat(output).contains("the key store file does not exist");
	}

	@Test
	void mutualTlsWithoutATrustStoreStopsStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> RunningApp.start(
				"spring.ssl.bundle.pem.server.keystore.certificate=file:" + directory.resolve("server.crt"),
				"spring.ssl.bundle.pem.server.keystore.private-key=file:" + directory.resolve("server.key"),
				"server.ssl.bundle=server", "management.server.port=0"));

		assertThat(output).contains("secure.comms.management.client-auth = 'need'",
				"client certificates would be checked against the JVM's default CAs");
	}

	private static RunningApp start(List<String> setting) {
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(setting);
		return RunningApp.start(properties);
	}

	private static List<String> withServerBundle(String file) {
		List<String> properties = new ArrayList<>(pki.bundle("server", file));
		properties.add("server.ssl.bundle=server");
		return properties;
	}

}
