package io.securecomms.test;

import java.net.http.HttpClient;

import org.springframework.boot.test.http.server.LocalTestWebServer;
import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.ApplicationContext;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Makes Boot's auto-configured {@link WebTestClient} trust the test CA. Boot binds it to
 * the running server with Spring's default connector, whose trust is the JDK's
 * {@code cacerts} (Reactor Netty does not use the JVM default {@code SSLContext} that
 * secure-comms puts on the policy), so over the test PKI's HTTPS every call would fail
 * with an untrusted certificate.
 * <p>
 * The connector is the JDK {@link HttpClient} on {@link TestPki#clientSslContext()}: it
 * checks the host name, trusts the test CA and presents the test client certificate only
 * to a server that asks for one of that CA. A client bound to a mock (no running server)
 * keeps its mock connector. Registered by {@link TestPkiContextCustomizer} only when the
 * server uses the test PKI's bundle.
 */
class TestPkiWebTestClientCustomizer implements WebTestClientBuilderCustomizer {

	static final String BEAN_NAME = "secureCommsTestPkiWebTestClientCustomizer";

	private final ApplicationContext context;

	TestPkiWebTestClientCustomizer(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void customize(WebTestClient.Builder builder) {
		if (LocalTestWebServer.get(this.context) == null) {
			return;
		}
		builder.clientConnector(connector());
	}

	static JdkClientHttpConnector connector() {
		return new JdkClientHttpConnector(HttpClient.newBuilder().sslContext(TestPki.get().clientSslContext()).build());
	}

}
