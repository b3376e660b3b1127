package io.securecomms.jvm;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import io.securecomms.actuate.PostureReport;
import io.securecomms.actuate.SecureCommsEndpoint;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.testsupport.OpenSslServer;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code secure.comms.jvm-default.enabled=false}: the JVM's default SSL context, socket
 * factory and host name verifier stay what they were, and a client on the JVM's defaults
 * accepts what the JVM accepts (under the relaxed test {@code java.security}, a CBC-only
 * server), which the policy would refuse.
 */
class JvmDefaultDisabledIntegrationTests {

	@TempDir
	static Path directory;

	@Test
	void nothingIsInstalledAndTheJvmBehavesAsBefore() throws Exception {
		Authority ca = TestCertificates.rootCa("jvm-default CA");
		ca.writePem(directory, "ca");
		ca.issue(Spec.server("localhost", "127.0.0.1")).writePem(directory, "server");
		SSLContext original = SSLContext.getDefault();
		// What an application gets from the JVM alone, with the test CA in its trust
		// store.
		SSLContext jvms = SSLContext.getInstance("TLS");
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		KeyStore anchors = KeyStore.getInstance("PKCS12");
		anchors.load(null, null);
		anchors.setCertificateEntry("ca", ca.certificate());
		trust.init(anchors);
		jvms.init(null, trust.getTrustManagers(), null);
		SSLContext.setDefault(jvms);
		SSLSocketFactory factory = HttpsURLConnection.getDefaultSSLSocketFactory();
		HostnameVerifier verifier = HttpsURLConnection.getDefaultHostnameVerifier();
		try (OpenSslServer cbc = OpenSslServer.start(directory.resolve("server.crt"), directory.resolve("server.key"),
				"-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256:ECDHE-RSA-AES256-SHA384:@SECLEVEL=0");
				ConfigurableApplicationContext app = MiddlewareApp.start(List.of(
						"secure.comms.jvm-default.enabled=false", "management.endpoints.access.default=read-only",
						"management.endpoints.jmx.exposure.include=*", "spring.jmx.enabled=true"))) {
			assertThat(app.getBeanProvider(JvmDefault.class).getIfAvailable()).isNull();
			assertThat(SSLContext.getDefault()).isSameAs(jvms);
			assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(factory);
			assertThat(HttpsURLConnection.getDefaultHostnameVerifier()).isSameAs(verifier);

			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(cbc.url("/"))).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).as("the JVM's own default accepts a CBC-only server").isEqualTo(200);
			assertThat(MiddlewareApp.failures(app)).isZero();

			PostureReport posture = app.getBean(SecureCommsEndpoint.class).posture();
			assertThat(posture.jvmDefault().status()).isEqualTo("disabled");
			assertThat(posture.jvmDefault().protocols()).contains("TLSv1.3", "TLSv1.2");
			assertThat(posture.checks()).filteredOn((check) -> check.title().contains("JVM default"))
				.singleElement()
				.satisfies((check) -> {
					assertThat(check.status()).isEqualTo("fail");
					assertThat(check.detail()).startsWith("not covered: secure.comms.jvm-default.enabled=false");
				});
		}
		finally {
			SSLContext.setDefault(original);
		}
		assertThat(SSLContext.getDefault()).isSameAs(original);
	}

}
