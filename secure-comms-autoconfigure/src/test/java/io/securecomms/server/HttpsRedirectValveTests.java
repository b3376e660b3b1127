package io.securecomms.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpsRedirectValveTests {

	@Test
	void locationKeepsPathAndQuery() {
		assertThat(HttpsRedirectValve.httpsLocation("example.com", 8443, "/a/b", "x=1&y=2"))
			.isEqualTo("https://example.com:8443/a/b?x=1&y=2");
		assertThat(HttpsRedirectValve.httpsLocation("example.com", 443, "/", null)).isEqualTo("https://example.com/");
		assertThat(HttpsRedirectValve.httpsLocation("::1", 8443, "/", null)).isEqualTo("https://[::1]:8443/");
	}

	@Test
	void pathAndQueryCannotInjectAHeaderOrLeaveTheUri() {
		assertThat(HttpsRedirectValve.httpsLocation("example.com", 443, "/a\r\nSet-Cookie: x=1", "q=\"<x>\" é"))
			.isEqualTo("https://example.com/a%0D%0ASet-Cookie:%20x=1?q=%22%3Cx%3E%22%20%C3%A9");
		assertThat(HttpsRedirectValve.httpsLocation("example.com", 443, "*", null)).isEqualTo("https://example.com/");
		assertThat(HttpsRedirectValve.httpsLocation("example.com", 443, "/already%20encoded", null))
			.isEqualTo("https://example.com/already%20encoded");
	}

	@Test
	void onlyHostsTheServerIsConfiguredForAreKept() throws Exception {
		RedirectHosts hosts = RedirectHosts.of(null,
				List.of(certificate("app.example.com", "*.apps.example.com", "10.0.0.7")),
				InetAddress.getByName("192.168.1.20"));

		assertThat(hosts.target("APP.example.com.")).isEqualTo("app.example.com");
		assertThat(hosts.target("shop.apps.example.com")).isEqualTo("shop.apps.example.com");
		assertThat(hosts.target("10.0.0.7")).isEqualTo("10.0.0.7");
		assertThat(hosts.target("192.168.1.20")).isEqualTo("192.168.1.20");
		assertThat(hosts.target("localhost")).isEqualTo("localhost");
		assertThat(hosts.target("[::1]")).isEqualTo("::1");
		// Anything else goes to the certificate's first name, never where the Host header
		// points.
		assertThat(hosts.target("evil.example")).isEqualTo("app.example.com");
		assertThat(hosts.target("a.b.apps.example.com")).isEqualTo("app.example.com");
		assertThat(hosts.target("apps.example.com")).isEqualTo("app.example.com");
		assertThat(hosts.target("app.example.com\r\nX: y")).isEqualTo("app.example.com");
		assertThat(hosts.target(null)).isEqualTo("app.example.com");
	}

	@Test
	void aConfiguredCanonicalHostWinsForUnknownHosts() throws Exception {
		RedirectHosts hosts = RedirectHosts.of("www.example.com", List.of(certificate("app.example.com")), null);

		assertThat(hosts.target("evil.example")).isEqualTo("www.example.com");
		assertThat(hosts.target("app.example.com")).isEqualTo("app.example.com");
	}

	@Test
	void withoutAnyNameAnUnknownHostHasNowhereToGo() {
		RedirectHosts hosts = RedirectHosts.of(null, List.of(), null);

		assertThat(hosts.target("evil.example")).isNull();
		assertThat(hosts.target("localhost")).isEqualTo("localhost");
	}

	@Test
	void aCanonicalHostMustBeABareHostName() {
		assertThat(RedirectHosts.check("app.example.com")).isEmpty();
		assertThat(RedirectHosts.check(null)).isEmpty();
		assertThat(RedirectHosts.check("https://app.example.com/")).singleElement().satisfies((violation) -> {
			assertThat(violation.property()).isEqualTo("secure.comms.server.http-redirect-host");
			assertThat(violation.problem()).isEqualTo("it is not a host name");
			assertThat(violation.fix()).contains("e.g. app.example.com (no scheme, port or path)");
		});
	}

	private static java.security.cert.X509Certificate certificate(String... hosts) {
		return TestCertificates.rootCa("redirect test CA").issue(Spec.server(hosts)).certificate();
	}

	@Test
	void hstsHeaderAndItsChecks() {
		assertThat(new HstsPolicy(true, Duration.ofDays(730), true, true).headerValue())
			.isEqualTo("max-age=63072000; includeSubDomains; preload");
		assertThat(new HstsPolicy(true, Duration.ofDays(730), true, false).violations()).isEmpty();
		assertThat(new HstsPolicy(true, Duration.ofDays(30), true, false).violations()).hasSize(1);
		assertThat(new HstsPolicy(true, Duration.ofDays(730), false, true).violations()).hasSize(1);
		assertThat(new HstsPolicy(false, Duration.ofDays(730), true, false).violations()).hasSize(1);
	}

}
