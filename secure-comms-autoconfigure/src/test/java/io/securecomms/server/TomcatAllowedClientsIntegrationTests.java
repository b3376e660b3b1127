package io.securecomms.server;

import java.util.ArrayList;
import java.util.List;

import io.securecomms.testsupport.RunningApp;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Client allow-lists on Tomcat, and the settings that stop startup.
 */
class TomcatAllowedClientsIntegrationTests extends AllowedClientsIntegrationTests {

	@Override
	protected RunningApp start(List<String> properties) {
		return RunningApp.start(properties);
	}

	@Test
	void anUnreadableEntryStopsStartup(CapturedOutput output) {
		List<String> properties = new ArrayList<>(this.pki.serverSsl());
		properties.add("secure.comms.server.client-auth=need");
		properties.add("secure.comms.server.allowed-clients=CN=prometheus");

		assertThatException().isThrownBy(() -> RunningApp.start(properties));

		assertThat(output).contains("APPLICATION FAILED TO START", "secure.comms.server.allowed-clients",
				"does not start with dn:, dns: or uri:", "Write each entry as dn:");
	}

	@Test
	void anAllowListWithoutClientAuthenticationStopsStartup(CapturedOutput output) {
		List<String> properties = new ArrayList<>(this.pki.serverSsl());
		properties.add("secure.comms.server.allowed-clients=dns:*.ops.example.org");

		assertThatException().isThrownBy(() -> RunningApp.start(properties));

		assertThat(output).contains("APPLICATION FAILED TO START", "secure.comms.server.allowed-clients",
				"asks no client certificate", "Set secure.comms.server.client-auth=need");
	}

}
