package io.securecomms.server;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of Tomcat's management port and its mutual TLS, on the native TLS engine
 * ({@code secure.comms.server.engine=openssl}, BoringSSL). Skipped, saying why, where the
 * native library does not load.
 */
class TomcatOpenSslManagementPortIntegrationTests extends ManagementPortIntegrationTests {

	@BeforeAll
	static void start() {
		NativeEngineAssumptions.assumeTheNativeEngineLoads();
		startWith(List.of(NativeEngineAssumptions.ON_NATIVE_ENGINE));
	}

	@Override
	protected String engine() {
		return "openssl";
	}

	@Override
	protected String missingCertificateMessage() {
		return "PEER_DID_NOT_RETURN_A_CERTIFICATE";
	}

	@Override
	protected String untrustedClientAlert() {
		return "unknown_ca";
	}

}
