package io.securecomms.metrics;

import java.io.EOFException;
import java.net.SocketTimeoutException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateException;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The messages below are the JDK's own (17 to 25); the integration tests see them on real
 * handshakes.
 */
class HandshakeFailureClassifierTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					Client requested protocol TLSv1.1 is not enabled or supported in server context | INBOUND  | PROTOCOL_VERSION
					The client supported protocol versions [TLSv1.1] are not accepted by server preferences [TLS13, TLS12] | INBOUND | PROTOCOL_VERSION
					No appropriate protocol (protocol is disabled or cipher suites are inappropriate) | OUTBOUND | PROTOCOL_VERSION
					no cipher suites in common                                                       | INBOUND  | NO_COMMON_CIPHER
					Empty client certificate chain                                                   | INBOUND  | CLIENT_CERT_MISSING
					No subject alternative DNS name matching wrong.example found.                    | OUTBOUND | HOSTNAME_MISMATCH
					SSL hostname verification failed : DNS host "localhost" doesn't correspond to certificate | OUTBOUND | HOSTNAME_MISMATCH
					Server identity verification failed. None of the certificate's DNS or IP Subject Alternative Name entries matched | OUTBOUND | HOSTNAME_MISMATCH
					Received fatal alert: protocol_version                                           | OUTBOUND | PROTOCOL_VERSION
					Received fatal alert: certificate_unknown                                        | INBOUND  | CERT_UNTRUSTED
					Received fatal alert: certificate_unknown                                        | OUTBOUND | CLIENT_CERT_REJECTED
					Received fatal alert: bad_certificate                                            | OUTBOUND | CLIENT_CERT_REJECTED
					Received fatal alert: certificate_required                                       | OUTBOUND | CLIENT_CERT_MISSING
					Received fatal alert: handshake_failure                                          | OUTBOUND | NO_COMMON_CIPHER
					Remote host terminated the handshake                                             | OUTBOUND | OTHER
					connection closed during the TLS handshake                                       | INBOUND  | CONNECTION_CLOSED
					""")
	void classifiesJsseMessages(String message, Direction direction, FailureReason reason) {
		assertThat(HandshakeFailureClassifier.classify(new SSLHandshakeException(message), direction))
			.isEqualTo(reason);
	}

	/** BoringSSL's words, as the native server engine reports them. */
	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					error:100000f0:SSL routines:OPENSSL_internal:UNSUPPORTED_PROTOCOL              | INBOUND | PROTOCOL_VERSION
					error:100000b8:SSL routines:OPENSSL_internal:NO_SHARED_CIPHER                  | INBOUND | NO_COMMON_CIPHER
					error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN   | INBOUND | CERT_UNTRUSTED
					error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA            | INBOUND | CERT_UNTRUSTED
					error:10000415:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_EXPIRED   | INBOUND | CERT_EXPIRED
					error:100000c7:SSL routines:OPENSSL_internal:PEER_DID_NOT_RETURN_A_CERTIFICATE | INBOUND | CLIENT_CERT_MISSING
					error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED         | INBOUND | CLIENT_CERT_REJECTED
					""")
	void classifiesBoringSslErrors(String message, Direction direction, FailureReason reason) {
		assertThat(HandshakeFailureClassifier.classify(new SSLHandshakeException(message), direction))
			.isEqualTo(reason);
	}

	@Test
	void untrustedPathIsTheServersOutboundAndTheCallersInbound() {
		SSLHandshakeException failure = new SSLHandshakeException(
				"PKIX path building failed: sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid certification path to requested target");

		assertThat(HandshakeFailureClassifier.classify(failure, Direction.OUTBOUND))
			.isEqualTo(FailureReason.CERT_UNTRUSTED);
		assertThat(HandshakeFailureClassifier.classify(failure, Direction.INBOUND))
			.isEqualTo(FailureReason.CLIENT_CERT_REJECTED);
	}

	@Test
	void typedCausesWinOverMessages() {
		assertThat(classify(new CertificateExpiredException("NotAfter: ..."))).isEqualTo(FailureReason.CERT_EXPIRED);
		assertThat(classify(new CertPathValidatorException("revoked", null, null, -1, BasicReason.REVOKED)))
			.isEqualTo(FailureReason.CERT_REVOKED);
		assertThat(classify(
				new CertPathValidatorException("unknown", null, null, -1, BasicReason.UNDETERMINED_REVOCATION_STATUS)))
			.isEqualTo(FailureReason.REVOCATION_UNKNOWN);
		assertThat(classify(new SocketTimeoutException("Read timed out"))).isEqualTo(FailureReason.TIMEOUT);
		assertThat(classify(new EOFException())).isEqualTo(FailureReason.CONNECTION_CLOSED);
	}

	private static FailureReason classify(Exception cause) {
		SSLHandshakeException failure = new SSLHandshakeException("wrapped");
		failure.initCause(new CertificateException("validation", cause));
		return HandshakeFailureClassifier.classify(failure, Direction.OUTBOUND);
	}

}
