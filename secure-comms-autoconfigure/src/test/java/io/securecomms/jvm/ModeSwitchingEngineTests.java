package io.securecomms.jvm;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An engine of the installed default context that a server switches to server mode
 * becomes an engine of the previous default context, with the settings made before the
 * switch.
 */
class ModeSwitchingEngineTests {

	@Test
	void settingsMadeBeforeTheSwitchReachTheServerEngine() throws Exception {
		SSLContext previous = SSLContext.getInstance("TLS");
		previous.init(null, null, null);
		SSLEngine client = previous.createSSLEngine("localhost", 443);
		SSLEngine[] server = new SSLEngine[1];
		ModeSwitchingEngine engine = new ModeSwitchingEngine(client, () -> {
			server[0] = previous.createSSLEngine("localhost", 443);
			return server[0];
		});

		engine.setEnabledProtocols(new String[] { "TLSv1.2" });
		SSLParameters parameters = engine.getSSLParameters();
		parameters.setNeedClientAuth(true);
		parameters.setEndpointIdentificationAlgorithm(null);
		engine.setSSLParameters(parameters);
		engine.setUseClientMode(false);

		assertThat(server[0]).isNotNull();
		assertThat(engine.getUseClientMode()).isFalse();
		assertThat(server[0].getUseClientMode()).isFalse();
		assertThat(server[0].getEnabledProtocols()).containsExactly("TLSv1.2");
		assertThat(server[0].getNeedClientAuth()).isTrue();
		assertThat(engine.getPeerHost()).isEqualTo("localhost");
		engine.setWantClientAuth(true);
		assertThat(server[0].getWantClientAuth()).isTrue();
	}

	@Test
	void aClientEngineStaysThePolicyEngine() throws Exception {
		SSLContext previous = SSLContext.getInstance("TLS");
		previous.init(null, null, null);
		SSLEngine client = previous.createSSLEngine("localhost", 443);
		ModeSwitchingEngine engine = new ModeSwitchingEngine(client, () -> {
			throw new AssertionError("no server engine for a client");
		});

		engine.setEnabledProtocols(new String[] { "TLSv1.3" });
		engine.setUseClientMode(true);

		assertThat(client.getUseClientMode()).isTrue();
		assertThat(client.getEnabledProtocols()).containsExactly("TLSv1.3");
	}

}
