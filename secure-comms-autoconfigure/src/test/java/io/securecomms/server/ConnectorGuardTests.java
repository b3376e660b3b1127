package io.securecomms.server;

import java.nio.file.Path;
import java.util.List;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.net.SSLHostConfig;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.JvmTlsSupport;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsPolicyResolver;
import io.securecomms.policy.TlsSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ConnectorGuard} on a real, assembled but never started Tomcat: what it decides
 * for each connector.
 */
class ConnectorGuardTests {

	@TempDir
	Path directory;

	private Tomcat tomcat;

	private Context context;

	private Connector main;

	@BeforeEach
	void assemble() {
		this.tomcat = new Tomcat();
		this.tomcat.setBaseDir(this.directory.toString());
		this.main = new Connector();
		this.tomcat.getService().addConnector(this.main);
		this.context = this.tomcat.addContext("", this.directory.toString());
	}

	@Test
	void aPlaintextConnectorBesidesTheMainOneIsAViolationNamingItsPort() {
		this.tomcat.getService().addConnector(plaintext(8081));

		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> guard(Mode.ENFORCE, true).customize(this.context))
			.satisfies((ex) -> assertThat(ex.getViolations()).singleElement()
				.satisfies((violation) -> assertThat(violation.property())
					.isEqualTo("additional Tomcat connector on port 8081")));
	}

	@Test
	void theMainConnectorAndTheRedirectPortAreNotItsConcern() {
		Connector redirect = plaintext(8080);
		this.tomcat.getService().addConnector(redirect);
		this.tomcat.getEngine()
			.getPipeline()
			.addValve(new HttpsRedirectValve(redirect, RedirectHosts.of(null, List.of(), null)));
		PolicyViolations violations = new PolicyViolations(Mode.REPORT);

		guard(violations, true).customize(this.context);

		assertThat(violations.reported()).isEmpty();
	}

	@Test
	void plaintextIsAllowedWhenTlsIsNotRequired() {
		this.tomcat.getService().addConnector(plaintext(8081));
		PolicyViolations violations = new PolicyViolations(Mode.ENFORCE);

		guard(violations, false).customize(this.context);

		assertThat(violations.reported()).isEmpty();
	}

	@Test
	void aTlsConnectorGetsThePolicyAndTheObservingImplementation() {
		Connector tls = new Connector();
		tls.setProperty("SSLEnabled", "true");
		SSLHostConfig host = new SSLHostConfig();
		host.setProtocols("TLSv1+TLSv1.1+TLSv1.2");
		host.setCiphers("ALL");
		tls.addSslHostConfig(host);
		this.tomcat.getService().addConnector(tls);

		guard(Mode.ENFORCE, true).customize(this.context);

		AbstractHttp11Protocol<?> protocol = (AbstractHttp11Protocol<?>) tls.getProtocolHandler();
		assertThat(protocol.getSslImplementationName()).isEqualTo(ObservingJsseImplementation.class.getName());
		assertThat(host.getProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
		assertThat(host.getHonorCipherOrder()).isTrue();
		assertThat(host.getCiphers()).doesNotContain("CBC");
		assertThat(tls.getSecure()).as("secure, so that HSTS is sent").isTrue();
	}

	private ConnectorGuard guard(Mode mode, boolean requireTls) {
		return guard(new PolicyViolations(mode), requireTls);
	}

	private ConnectorGuard guard(PolicyViolations violations, boolean requireTls) {
		TlsPolicy policy = new TlsPolicyResolver(JvmTlsSupport.current())
			.resolve(new TlsSettings("intermediate", List.of(), List.of()), Mode.ENFORCE)
			.policy();
		ConnectorGuard guard = new ConnectorGuard(
				new ListenerTls(Channel.SERVER, "server.ssl", requireTls, ClientAuth.NONE,
						"secure.comms.server.client-auth"),
				violations, new TlsConnectorCustomizer(policy, ClientAuth.NONE, Channel.SERVER,
						new HandshakeEvents(List.of()), null, null));
		guard.customize(this.main);
		return guard;
	}

	private static Connector plaintext(int port) {
		Connector connector = new Connector();
		connector.setPort(port);
		return connector;
	}

}
