package io.securecomms.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.ActuatorMeters;
import io.securecomms.testsupport.RunningApp;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tomcat's application port on the native TLS engine
 * ({@code secure.comms.server.engine=openssl}, BoringSSL): the same contract as on the
 * JDK's engines, against the same real clients. Skipped, saying why, where the native
 * library does not load.
 */
class TomcatOpenSslTlsIntegrationTests extends ServerTlsContract {

	@TempDir
	static Path directory;

	static ServerPki pki;

	static RunningApp app;

	static ActuatorMeters meters;

	@BeforeAll
	static void start() {
		NativeTlsEngine.Availability availability = NativeTlsEngine.availability();
		assumeTrue(availability.library() != null, () -> "native TLS engine unavailable: " + availability.problem());
		pki = ServerPki.create(directory);
		pki.ca().issue(Spec.server("sni.test")).writePem(directory, "sni");
		List<String> properties = new ArrayList<>(pki.serverSsl());
		properties.addAll(pki.bundle("sni", "sni"));
		properties.addAll(List.of("server.ssl.server-name-bundles[0].server-name=sni.test",
				"server.ssl.server-name-bundles[0].bundle=sni", "secure.comms.server.engine=openssl"));
		app = RunningApp.start(properties);
		meters = new ActuatorMeters(pki.client(), "https://localhost:" + app.port());
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Override
	protected RunningApp app() {
		return app;
	}

	@Override
	protected ServerPki pki() {
		return pki;
	}

	@Override
	protected ActuatorMeters meters() {
		return meters;
	}

	@Test
	void sniHostsGetThePolicyToo() {
		assertSniHostGetsThePolicy("sni.test");
	}

	@Override
	protected boolean enforcesTls13ServerOrder() {
		return false;
	}

	@Override
	protected String certificateUnknownAlert() {
		return "SSLV3_ALERT_CERTIFICATE_UNKNOWN";
	}

}
