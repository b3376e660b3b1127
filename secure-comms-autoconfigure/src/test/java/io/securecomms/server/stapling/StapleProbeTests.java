package io.securecomms.server.stapling;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.util.List;
import java.util.Map;

import io.securecomms.server.stapling.StapleOutcome.Reason;
import io.securecomms.server.stapling.StapleOutcome.Status;
import io.securecomms.test.OcspResponder;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StapleProbe} against a real OCSP responder on loopback, and its reading of the
 * JDK's failures.
 */
class StapleProbeTests {

	private static final String RESPONDER = "http://127.0.0.1:8/";

	static Authority ca;

	static OcspResponder responder;

	@BeforeAll
	static void start() {
		ca = TestCertificates.rootCa("staple probe test CA");
		responder = OcspResponder.start(ca);
	}

	@AfterAll
	static void stop() {
		responder.close();
	}

	@Test
	void aGoodStatusFromTheCertificatesResponder() {
		Issued server = ca.issue(Spec.server("localhost").ocsp(responder.url()));

		StapleOutcome outcome = new StapleProbe(Map.<String, String>of()::get).probe(server.chain());

		assertThat(outcome).isEqualTo(StapleOutcome.good(responder.url()));
		assertThat(outcome.describe()).isEqualTo("good");
	}

	@Test
	void aRevokedCertificate() {
		Issued server = ca.issue(Spec.server("localhost").ocsp(responder.url()));
		responder.revoke(server.certificate());

		StapleOutcome outcome = new StapleProbe(Map.<String, String>of()::get).probe(server.chain());

		assertThat(outcome.status()).isEqualTo(Status.REVOKED);
		assertThat(outcome.reason()).isEqualTo(Reason.REVOKED);
		assertThat(outcome.cause()).containsIgnoringCase("revoked");
		assertThat(outcome.describe()).isEqualTo("revoked");
	}

	@Test
	void aResponderThatIsNotThereIsUnreachable() {
		OcspResponder stopped = OcspResponder.start(ca);
		Issued server = ca.issue(Spec.server("localhost").ocsp(stopped.url()));
		stopped.close();

		StapleOutcome outcome = new StapleProbe(Map.<String, String>of()::get).probe(server.chain());

		assertThat(outcome.status()).isEqualTo(Status.UNAVAILABLE);
		assertThat(outcome.reason()).isEqualTo(Reason.UNREACHABLE);
		assertThat(outcome.responder()).isEqualTo(stopped.url());
		assertThat(outcome.describe()).isEqualTo("unavailable(unreachable)");
	}

	@Test
	void aResponderOfAnotherCaAnswersWithAnUnusableResponse() {
		Authority other = TestCertificates.rootCa("another CA");
		try (OcspResponder wrong = OcspResponder.start(other)) {
			Issued server = ca.issue(Spec.server("localhost").ocsp(wrong.url()));

			StapleOutcome outcome = new StapleProbe(Map.<String, String>of()::get).probe(server.chain());

			assertThat(outcome.reason()).isEqualTo(Reason.OTHER);
			assertThat(outcome.responder()).isEqualTo(wrong.url());
		}
	}

	@Test
	void aCertificateNamingNoResponder() {
		Issued server = ca.issue(Spec.server("localhost"));

		StapleOutcome outcome = new StapleProbe(Map.<String, String>of()::get).probe(server.chain());

		assertThat(outcome.reason()).isEqualTo(Reason.NO_RESPONDER);
		assertThat(outcome.responder()).isNull();
		assertThat(outcome.cause()).contains("jdk.tls.stapling.responderURI");
	}

	@Test
	void aChainWithoutTheIssuerCannotBeStapled() {
		Issued server = ca.issue(Spec.server("localhost").ocsp(responder.url()));

		StapleOutcome outcome = new StapleProbe(Map.<String, String>of()::get).probe(List.of(server.certificate()));

		assertThat(outcome.reason()).isEqualTo(Reason.NO_ISSUER);
		assertThat(outcome.describe()).isEqualTo("unavailable(no_issuer)");
	}

	@Test
	void theConfiguredResponderServesACertificateNamingNone() {
		Issued server = ca.issue(Spec.server("localhost"));

		StapleOutcome outcome = new StapleProbe(Map.of(StapleResponder.RESPONDER_URI, responder.url())::get)
			.probe(server.chain());

		assertThat(outcome).isEqualTo(StapleOutcome.good(responder.url()));
	}

	@Test
	void theConfiguredResponderOnlyReplacesTheCertificatesWhenOverriding() {
		Issued server = ca.issue(Spec.server("localhost").ocsp(RESPONDER));

		StapleOutcome notOverriding = new StapleProbe(Map.of(StapleResponder.RESPONDER_URI, responder.url())::get)
			.probe(server.chain());
		StapleOutcome overriding = new StapleProbe(
				Map.of(StapleResponder.RESPONDER_URI, responder.url(), StapleResponder.RESPONDER_OVERRIDE, "true")::get)
			.probe(server.chain());

		assertThat(notOverriding.responder()).isEqualTo(RESPONDER);
		assertThat(notOverriding.reason()).isEqualTo(Reason.UNREACHABLE);
		assertThat(overriding).isEqualTo(StapleOutcome.good(responder.url()));
	}

	@Test
	void theResponderIsReadFromAuthorityInformationAccess() {
		assertThat(StapleResponder.named(ca.issue(Spec.server("localhost").ocsp(RESPONDER)).certificate()))
			.isEqualTo(RESPONDER);
		assertThat(StapleResponder.named(ca.issue(Spec.server("localhost")).certificate())).isNull();
		assertThat(StapleResponder.named(ca.certificate())).isNull();
	}

	@Test
	void revokedIsRevoked() {
		StapleOutcome outcome = StapleProbe
			.classify(new CertPathValidatorException("Certificate has been revoked, reason: KEY_COMPROMISE", null, null,
					-1, BasicReason.REVOKED), RESPONDER);

		assertThat(outcome.status()).isEqualTo(Status.REVOKED);
		assertThat(outcome.reason()).isEqualTo(Reason.REVOKED);
	}

	@Test
	void networkErrorsAreUnreachable() {
		for (IOException network : List.of(new ConnectException("Connection refused"),
				new SocketTimeoutException("Read timed out"), new UnknownHostException("ocsp.example"))) {
			StapleOutcome outcome = StapleProbe.classify(networkError(network), RESPONDER);

			assertThat(outcome.reason()).as(network.toString()).isEqualTo(Reason.UNREACHABLE);
			assertThat(outcome.cause()).contains(network.getClass().getSimpleName(), network.getMessage());
		}
	}

	@Test
	void aMalformedResponseOrAnUnknownStatusIsOther() {
		StapleOutcome malformed = StapleProbe.classify(networkError(new IOException("Unsupported OCSP response")),
				RESPONDER);
		StapleOutcome unknown = StapleProbe
			.classify(new CertPathValidatorException("Certificate's revocation status is unknown", null, null, -1,
					BasicReason.UNDETERMINED_REVOCATION_STATUS), RESPONDER);

		assertThat(malformed.reason()).isEqualTo(Reason.OTHER);
		assertThat(malformed.cause()).contains("Unsupported OCSP response");
		assertThat(unknown.reason()).isEqualTo(Reason.OTHER);
		assertThat(unknown.describe()).isEqualTo("unavailable(other)");
	}

	/** As the JDK's revocation checker reports an {@link IOException}. */
	private static CertPathValidatorException networkError(IOException cause) {
		return new CertPathValidatorException("Unable to determine revocation status due to network error", cause, null,
				-1, BasicReason.UNDETERMINED_REVOCATION_STATUS);
	}

}
