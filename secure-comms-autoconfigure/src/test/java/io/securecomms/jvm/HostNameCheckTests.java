package io.securecomms.jvm;

import java.security.cert.X509Certificate;

import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default host name verifier's rules: subject alternative names only, wildcards over
 * one left-most label.
 */
class HostNameCheckTests {

	private static final TestCertificates.Authority CA = TestCertificates.rootCa("host name CA");

	@Test
	void exactDnsNamesMatchIgnoringCaseAndTheTrailingDot() {
		X509Certificate certificate = certificate("api.example.com", "localhost");
		assertThat(HostNameCheck.matches("api.example.com", certificate)).isTrue();
		assertThat(HostNameCheck.matches("API.Example.COM.", certificate)).isTrue();
		assertThat(HostNameCheck.matches("localhost", certificate)).isTrue();
		assertThat(HostNameCheck.matches("other.example.com", certificate)).isFalse();
		assertThat(HostNameCheck.matches("example.com", certificate)).isFalse();
		assertThat(HostNameCheck.matches("", certificate)).isFalse();
		assertThat(HostNameCheck.matches(null, certificate)).isFalse();
	}

	@Test
	void aWildcardCoversExactlyOneLeftMostLabel() {
		X509Certificate certificate = certificate("*.example.com");
		assertThat(HostNameCheck.matches("api.example.com", certificate)).isTrue();
		assertThat(HostNameCheck.matches("a.b.example.com", certificate)).isFalse();
		assertThat(HostNameCheck.matches("example.com", certificate)).isFalse();
		assertThat(HostNameCheck.matches("api.example.org", certificate)).isFalse();
		assertThat(HostNameCheck.matches("anything.com", certificate("*.com"))).isFalse();
	}

	@Test
	void ipAddressesMatchOnlyIpAddressNames() {
		X509Certificate certificate = certificate("localhost", "127.0.0.1", "::1");
		assertThat(HostNameCheck.matches("127.0.0.1", certificate)).isTrue();
		assertThat(HostNameCheck.matches("[::1]", certificate)).isTrue();
		assertThat(HostNameCheck.matches("0:0:0:0:0:0:0:1", certificate)).isTrue();
		assertThat(HostNameCheck.matches("127.0.0.2", certificate)).isFalse();
		assertThat(HostNameCheck.matches("127.0.0.1", certificate("localhost"))).isFalse();
	}

	@Test
	void theCommonNameIsNeverUsed() {
		X509Certificate certificate = CA.issue(Spec.server("named.example").commonName("cn.example")).certificate();
		assertThat(HostNameCheck.matches("cn.example", certificate)).isFalse();
		assertThat(HostNameCheck.matches("named.example", certificate)).isTrue();
	}

	private static X509Certificate certificate(String... hosts) {
		return CA.issue(Spec.server(hosts)).certificate();
	}

}
