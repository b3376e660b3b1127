package io.securecomms.metrics;

import java.time.Instant;
import java.util.List;

import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeerTextTests {

	@Test
	void lineBreaksAndTabsBecomeVisibleEscapes() {
		assertThat(PeerText.escape("evil\nWARN forged\r\tline")).isEqualTo("evil\\nWARN forged\\r\\tline");
	}

	@Test
	void otherControlSeparatorAndBidiCharactersBecomeUnicodeEscapes() {
		assertThat(PeerText.escape("a\u0000b\u001Bc\u007Fd\u0085e\u009Bf"))
			.isEqualTo("a\\u0000b\\u001Bc\\u007Fd\\u0085e\\u009Bf");
		assertThat(PeerText.escape("x\u2028y\u2029z")).isEqualTo("x\\u2028y\\u2029z");
		assertThat(PeerText.escape("\u202Egnp.exe\u202C \u2066i\u2069 \u200E\u200F\u061C"))
			.isEqualTo("\\u202Egnp.exe\\u202C \\u2066i\\u2069 \\u200E\\u200F\\u061C");
	}

	@Test
	void ordinaryTextIsUntouchedAndEscapingTwiceChangesNothing() {
		String plain = "CN=Zoë Müller,O=bücher \\, Ⅱ,OU=日本";
		assertThat(PeerText.escape(plain)).isSameAs(plain);
		assertThat(PeerText.escape(null)).isNull();
		String once = PeerText.escape("evil\nline\u202E");
		assertThat(PeerText.escape(once)).isEqualTo(once);
	}

	@Test
	void certificateNamesAndHandshakeFailuresCarryNoControlCharacter() {
		Issued evil = TestCertificates.selfSigned(Spec.server("localhost").commonName("evil\nWARN forged line"));
		assertThat(evil.certificate().getSubjectX500Principal().getName()).as("the JDK keeps it").contains("\n");

		assertThat(PeerText.subjectOf(evil.certificate())).contains("CN=evil\\nWARN forged line").doesNotContain("\n");
		assertThat(PeerText.issuerOf(evil.certificate())).doesNotContain("\n");
		assertThat(CertificateDescription.of(evil.certificate())).contains("evil\\nWARN forged line")
			.doesNotContain("\n");
		HandshakeFailure failure = new HandshakeFailure(Instant.now(), Channel.HTTP_CLIENT, Direction.OUTBOUND,
				"h\nost:443", "re\rmote", FailureReason.CERT_UNTRUSTED, "quoting evil\nWARN forged line",
				List.of(evil.certificate()));
		assertThat(List.of(failure.peer(), failure.remoteAddress(), failure.message())).containsExactly("h\\nost:443",
				"re\\rmote", "quoting evil\\nWARN forged line");
		assertThat(new ClassifiedCertificateException(FailureReason.CERT_UNTRUSTED, "evil\nline", null, List.of())
			.getMessage()).isEqualTo("evil\\nline");
	}

}
