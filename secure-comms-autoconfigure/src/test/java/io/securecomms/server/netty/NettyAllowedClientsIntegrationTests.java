package io.securecomms.server.netty;

import java.util.List;

import io.securecomms.server.AllowedClientsIntegrationTests;
import io.securecomms.testsupport.RunningApp;

/**
 * Client allow-lists on a WebFlux application's Reactor Netty management port.
 */
class NettyAllowedClientsIntegrationTests extends AllowedClientsIntegrationTests {

	@Override
	protected RunningApp start(List<String> properties) {
		return RunningApp.startReactive(List.of(), properties);
	}

}
