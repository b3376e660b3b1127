package io.securecomms.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.test.Testssl;
import io.securecomms.test.TestsslVerdicts;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The external scan the sample's Tomcat passes on the JDK's engines, against Tomcat on
 * the native TLS engine ({@code secure.comms.server.engine=openssl}): only TLS 1.2 and
 * 1.3, only forward-secret AEAD suites in the server's order, HSTS for a year, no
 * vulnerability, no compression, no client renegotiation. Skipped, saying why, where
 * testssl or the native library is missing.
 */
@TestInstance(Lifecycle.PER_CLASS)
@EnabledIf(value = "io.securecomms.test.Testssl#isOnThePath",
		disabledReason = "testssl (Debian package testssl.sh) is not on the PATH")
class TomcatOpenSslScanIntegrationTests extends TestsslVerdicts {

	private static final Path OUTPUT_DIR = Path.of("target", "testssl-native").toAbsolutePath();

	@TempDir
	static Path directory;

	private RunningApp app;

	private List<Testssl.Findings> scans;

	@BeforeAll
	void scan() throws Exception {
		NativeTlsEngine.Availability availability = NativeTlsEngine.availability();
		assumeTrue(availability.library() != null, () -> "native TLS engine unavailable: " + availability.problem());
		ServerPki pki = ServerPki.create(directory);
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.add("secure.comms.server.engine=openssl");
		this.app = RunningApp.start(properties);
		try (Testssl.Scanning scanning = Testssl.scan("tomcat-openssl",
				"https://localhost:" + this.app.port() + "/hello", OUTPUT_DIR, List.of())) {
			this.scans = List.of(scanning.await(Duration.ofSeconds(240)));
		}
	}

	@AfterAll
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
	}

	@Override
	protected List<Testssl.Findings> scans() {
		return this.scans;
	}

}
