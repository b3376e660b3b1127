package io.securecomms.server.jetty;

import java.util.List;

import io.securecomms.server.AllowedClientsIntegrationTests;
import io.securecomms.testsupport.RunningApp;

/**
 * Client allow-lists on a Jetty management port. Jetty builds its trust managers itself:
 * the list is checked as the handshake completes, before a byte of the request is read,
 * so the refused client sees the connection closed rather than an alert.
 */
class JettyAllowedClientsIntegrationTests extends AllowedClientsIntegrationTests {

	@Override
	protected RunningApp start(List<String> properties) {
		return RunningApp.startJetty(List.of(), properties);
	}

	@Override
	protected String[] refusals() {
		return new String[] { "connection closed without a response", "Connection reset", "Broken pipe",
				"certificate_unknown", "closed" };
	}

}
