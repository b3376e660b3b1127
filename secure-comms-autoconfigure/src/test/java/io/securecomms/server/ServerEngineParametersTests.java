package io.securecomms.server;

import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsProfile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServerEngineParameters} on a real JDK server engine, whose defaults (on this
 * relaxed JVM) include TLS 1.0, CBC and static RSA.
 */
class ServerEngineParametersTests {

	private static final TlsPolicy POLICY = new TlsPolicy(TlsProfile.INTERMEDIATE, List.of("TLSv1.3", "TLSv1.2"),
			List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
					"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
			List.of("x25519", "secp256r1"));

	@Test
	void theEngineGetsThePolicyInOrderWithTheServersOrderHonoured() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, null, null);
		SSLEngine engine = context.createSSLEngine();
		engine.setUseClientMode(false);
		engine.setWantClientAuth(true);
		assertThat(engine.getEnabledCipherSuites()).contains("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");

		SSLEngine applied = new ServerEngineParameters(POLICY).apply(engine);

		assertThat(applied).isSameAs(engine);
		assertThat(engine.getEnabledProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
		assertThat(engine.getEnabledCipherSuites()).containsExactly("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
				"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
		assertThat(engine.getSSLParameters().getUseCipherSuitesOrder()).isTrue();
		assertThat(engine.getWantClientAuth()).as("the server's client authentication is kept").isTrue();
	}

}
