package io.securecomms.server;

import java.net.http.HttpResponse;
import java.util.List;

import io.securecomms.testsupport.HttpsClient;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every web stack must do with Spring Security and a client certificate: its
 * identity is the request's principal (SPIFFE ID, else first SAN DNS name), a request
 * without one is not authenticated, and Security's headers come with one HSTS header. One
 * subclass per stack (servlet on Tomcat, WebFlux on Reactor Netty and on Jetty) serves
 * {@code GET /whoami} (the principal's name) to the clients
 * {@link ServerPki#withWorkloadClients()} writes.
 */
public abstract class X509PrincipalContract {

	protected abstract ServerPki pki();

	protected abstract int port();

	/**
	 * What a request without a client certificate gets: 403 (servlet) or 401 (WebFlux).
	 */
	protected abstract int unauthenticatedStatus();

	/** The {@code Strict-Transport-Security} value the application is configured for. */
	protected String hstsHeader() {
		return "max-age=63072000; includeSubDomains";
	}

	@Test
	void theSpiffeIdIsThePrincipal() throws Exception {
		assertThat(whoami(pki().client("spiffe"))).isEqualTo("spiffe://example.org/ns/ops/sa/collector");
	}

	@Test
	void withoutASpiffeIdTheFirstDnsNameIsThePrincipal() throws Exception {
		assertThat(whoami(pki().client("dns"))).isEqualTo("exporter.ops.example.org");
	}

	@Test
	void aCallerWithoutCertificateIsNotAuthenticated() throws Exception {
		HttpResponse<String> response = pki().client().get(url("/whoami"));

		assertThat(response.statusCode()).isEqualTo(unauthenticatedStatus());
	}

	@Test
	void oneHstsHeaderWithTheConfiguredValues() throws Exception {
		for (HttpsClient client : List.of(pki().client(), pki().client("spiffe"))) {
			HttpResponse<String> response = client.get(url("/whoami"));
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as("Security's headers run")
				.hasValue("nosniff");
			assertThat(response.headers().allValues("Strict-Transport-Security")).containsExactly(hstsHeader());
		}
	}

	protected String whoami(HttpsClient client) throws Exception {
		HttpResponse<String> response = client.get(url("/whoami"));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response.body();
	}

	protected String url(String path) {
		return "https://localhost:" + port() + path;
	}

}
