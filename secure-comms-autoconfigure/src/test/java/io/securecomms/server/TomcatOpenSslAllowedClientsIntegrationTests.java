package io.securecomms.server;

import java.util.ArrayList;
import java.util.List;

import io.securecomms.testsupport.RunningApp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Client allow-lists on Tomcat's native TLS engine
 * ({@code secure.comms.server.engine=openssl}): the native engine calls Tomcat's trust
 * manager, which checks the list, and answers a refused identity with
 * {@code bad_certificate}. Skipped, saying why, where the native library does not load.
 */
class TomcatOpenSslAllowedClientsIntegrationTests extends AllowedClientsIntegrationTests {

	@Override
	protected RunningApp start(List<String> properties) {
		NativeTlsEngine.Availability availability = NativeTlsEngine.availability();
		assumeTrue(availability.library() != null, () -> "native TLS engine unavailable: " + availability.problem());
		List<String> onNativeEngine = new ArrayList<>(properties);
		onNativeEngine.add("secure.comms.server.engine=openssl");
		return RunningApp.start(onNativeEngine);
	}

}
