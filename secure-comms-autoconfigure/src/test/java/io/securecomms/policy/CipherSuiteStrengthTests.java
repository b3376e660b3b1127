package io.securecomms.policy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

import static org.assertj.core.api.Assertions.assertThat;

class CipherSuiteStrengthTests {

	static final java.util.List<String> profileSuites = TlsProfile.INTERMEDIATE.cipherSuites();

	@ParameterizedTest
	@FieldSource("profileSuites")
	void everyProfileSuiteIsStrong(String suite) {
		assertThat(CipherSuiteStrength.weakness(suite)).isEmpty();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			TLS_RSA_WITH_NULL_SHA256                | NULL
			TLS_ECDH_anon_WITH_AES_128_CBC_SHA      | anon
			SSL_RSA_EXPORT_WITH_RC4_40_MD5          | EXPORT
			TLS_ECDHE_RSA_WITH_RC4_128_SHA          | RC4
			SSL_RSA_WITH_3DES_EDE_CBC_SHA           | 3DES
			SSL_RSA_WITH_DES_CBC_SHA                | DES
			TLS_RSA_WITH_AES_128_GCM_SHA256         | forward secrecy
			TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256  | forward secrecy
			TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384   | CBC
			TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA    | CBC
			""")
	void weakSuitesSayWhy(String suite, String reason) {
		assertThat(CipherSuiteStrength.weakness(suite)).hasValueSatisfying((why) -> assertThat(why).contains(reason));
	}

}
