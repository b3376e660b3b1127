package io.securecomms.server;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of Tomcat's application port, on the native TLS engine
 * ({@code secure.comms.server.engine=openssl}, BoringSSL), against the same real clients.
 * Skipped, saying why, where the native library does not load.
 */
class TomcatOpenSslTlsIntegrationTests extends TomcatTlsIntegrationTests {

	@BeforeAll
	static void start() {
		NativeEngineAssumptions.assumeTheNativeEngineLoads();
		startWith(List.of(NativeEngineAssumptions.ON_NATIVE_ENGINE));
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
