package io.securecomms.server.netty;

import java.util.List;

import io.securecomms.server.NativeEngineAssumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * Every test of Reactor Netty's server, on the native TLS engine
 * ({@code secure.comms.server.engine=openssl}, BoringSSL), against the same real clients.
 * Skipped, saying why, where the native library does not load.
 */
class NettyOpenSslTlsIntegrationTests extends NettyTlsIntegrationTests {

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
