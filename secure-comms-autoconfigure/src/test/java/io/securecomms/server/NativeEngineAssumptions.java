package io.securecomms.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests of the native TLS engine run where its library loads and are skipped, saying why,
 * where it does not.
 */
public final class NativeEngineAssumptions {

	/** The property that puts the server's connectors on the native engine. */
	public static final String ON_NATIVE_ENGINE = "secure.comms.server.engine=openssl";

	private NativeEngineAssumptions() {
	}

	public static void assumeTheNativeEngineLoads() {
		NativeTlsEngine.Availability availability = NativeTlsEngine.availability();
		assumeTrue(availability.library() != null, () -> "native TLS engine unavailable: " + availability.problem());
	}

}
