package io.securecomms.server;

import java.time.Duration;

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
	void hstsHeaderAndItsChecks() {
		assertThat(new HstsPolicy(true, Duration.ofDays(730), true, true).headerValue())
			.isEqualTo("max-age=63072000; includeSubDomains; preload");
		assertThat(new HstsPolicy(true, Duration.ofDays(730), true, false).violations()).isEmpty();
		assertThat(new HstsPolicy(true, Duration.ofDays(30), true, false).violations()).hasSize(1);
		assertThat(new HstsPolicy(true, Duration.ofDays(730), false, true).violations()).hasSize(1);
		assertThat(new HstsPolicy(false, Duration.ofDays(730), true, false).violations()).hasSize(1);
	}

}
