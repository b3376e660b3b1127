package io.securecomms.middleware;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import io.securecomms.middleware.MiddlewareConnections.Entry;
import io.securecomms.middleware.MiddlewareConnections.Status;
import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsSmtpServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Boot's {@link JavaMailSender} from {@code spring.mail.*} against a real SMTP server
 * (GreenMail) on loopback, over SMTPS and STARTTLS: messages go out only over verified
 * TLS, every handshake is observed on the {@code mail} channel, and a plaintext
 * configuration stops startup naming the property to set.
 */
@ExtendWith(OutputCaptureExtension.class)
class MailTlsIntegrationTests {

	private static final String STARTTLS_REQUIRED = "spring.mail.properties.mail.smtp.starttls.required=true";

	@TempDir
	static Path directory;

	static Authority ca;

	@BeforeAll
	static void pki() {
		ca = TestCertificates.rootCa("mail CA");
		ca.writePem(directory, "ca");
	}

	@Test
	void smtpsWithBootsBundleDeliversAndTimesTheHandshake() throws Exception {
		try (TlsSmtpServer server = TlsSmtpServer.smtps(ca.issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(server, "spring.mail.protocol=smtps",
						"spring.mail.ssl.bundle=mail")) {
			send(app, "over SMTPS");

			assertThat(server.receivedMessages()).singleElement()
				.satisfies((message) -> assertThat(message.getSubject()).isEqualTo("over SMTPS"));
			MiddlewareApp.awaitHandshake(app, "mail", peer(server));
			assertThat(MiddlewareApp.failures(app)).isZero();
			assertThat(MiddlewareApp.connection(app, "mail").status()).isEqualTo(Status.TLS);
			assertThat(MiddlewareApp.connection(app, "mail").connection().trustSource())
				.isEqualTo("mail (spring.mail.ssl.bundle)");
		}
	}

	@Test
	void requiredStartTlsWithTheMiddlewareBundleDeliversAndTimesTheHandshake() throws Exception {
		try (TlsSmtpServer server = TlsSmtpServer.startTls(ca.issue(Spec.server("localhost")));
				ConfigurableApplicationContext app = start(server, STARTTLS_REQUIRED,
						"secure.comms.middleware.trust-bundle=mail")) {
			send(app, "over STARTTLS");

			assertThat(server.receivedMessages()).singleElement()
				.satisfies((message) -> assertThat(message.getSubject()).isEqualTo("over STARTTLS"));
			MiddlewareApp.awaitHandshake(app, "mail", peer(server));
			assertThat(MiddlewareApp.failures(app)).isZero();
			assertThat(MiddlewareApp.plaintextRefused(app, "mail", peer(server))).isZero();
		}
	}

	@Test
	void aServerCertificateFromAnotherCaIsRefused() throws Exception {
		try (TlsSmtpServer server = TlsSmtpServer
			.smtps(TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost")))) {
			assertRefused(server, "cert_untrusted", "is not trusted: its CA is not in spring.mail.ssl.bundle",
					"spring.mail.protocol=smtps", "spring.mail.ssl.bundle=mail");
		}
	}

	@Test
	void aServerCertificateForAnotherHostIsRefusedAfterStartTls() throws Exception {
		try (TlsSmtpServer server = TlsSmtpServer.startTls(ca.issue(Spec.server("mail.example")))) {
			assertRefused(server, "hostname_mismatch", "is not valid for host 'localhost'", STARTTLS_REQUIRED,
					"spring.mail.ssl.bundle=mail");
		}
	}

	@Test
	void aServerWithoutStartTlsGetsNoMessageInClear(CapturedOutput output) throws Exception {
		try (TlsSmtpServer server = TlsSmtpServer.plaintextOnly();
				ConfigurableApplicationContext app = start(server, STARTTLS_REQUIRED,
						"secure.comms.middleware.trust-bundle=mail")) {
			assertThatException().isThrownBy(() -> send(app, "must not go in clear"))
				.withStackTraceContaining("STARTTLS is required but host does not support STARTTLS");

			assertThat(server.receivedMessages()).isEmpty();
			MiddlewareApp.awaitOnePlaintextRefusal(app, "mail", peer(server));
			assertThat(output)
				.contains("Plaintext connection refused: channel=mail, direction=outbound, peer=" + peer(server));
			assertThat(MiddlewareApp.failures(app)).isZero();
		}
	}

	@Test
	void plainSmtpStopsStartupInEnforceModeNamingTheProperty(CapturedOutput output) throws Exception {
		try (TlsSmtpServer server = TlsSmtpServer.plaintextOnly()) {
			assertThatException().isThrownBy(() -> start(server));

			assertThat(output).contains(
					"spring.mail.properties[mail.smtp.starttls.required] = 'false': the mail server is reached over "
							+ "plain SMTP: messages and the password go in clear",
					"set spring.mail.properties[mail.smtp.starttls.required]=true (STARTTLS), or "
							+ "spring.mail.protocol=smtps");
		}
	}

	@Test
	void aSenderOfTheApplicationsOwnThatTrustsEveryServerStopsStartup(CapturedOutput output) {
		assertThatException().isThrownBy(() -> MiddlewareApp.start(List.of(OwnSender.class), List.of()).close());

		assertThat(output).contains("mail.smtps.ssl.trust = '*': trusts every certificate any server presents",
				"mail.smtps.ssl.checkserveridentity = 'false': Angus Mail would not check that the server's "
						+ "certificate names the host");
	}

	@Test
	void plainSmtpStartsInReportModeAndIsListed(CapturedOutput output) throws Exception {
		try (TlsSmtpServer server = TlsSmtpServer.plaintextOnly();
				ConfigurableApplicationContext app = start(server, "secure.comms.mode=report")) {
			send(app, "reported");

			assertThat(server.receivedMessages()).hasSize(1);
			assertThat(output).contains("secure-comms (report mode) allows an insecure setting: "
					+ "spring.mail.properties[mail.smtp.starttls.required]=false: the mail server is reached over "
					+ "plain SMTP");
			Entry entry = MiddlewareApp.connection(app, "mail");
			assertThat(entry.status()).isEqualTo(Status.WEAKENED);
			assertThat(entry.connection().hosts()).containsExactly("localhost:" + server.port());
			assertThat(entry.connection().hostnameVerified()).isFalse();
		}
	}

	@Test
	void plainSmtpStartsWhenTheMailChannelMayStayPlaintext() throws Exception {
		try (TlsSmtpServer server = TlsSmtpServer.plaintextOnly();
				ConfigurableApplicationContext app = start(server, "secure.comms.middleware.plaintext-allowed=mail")) {
			send(app, "allowed");

			assertThat(server.receivedMessages()).hasSize(1);
			assertThat(MiddlewareApp.connection(app, "mail").status()).isEqualTo(Status.PLAINTEXT_ALLOWED);
		}
	}

	/**
	 * Refused, saying {@code why}, nothing delivered, only one failure counted, and no
	 * plaintext refusal.
	 */
	private static void assertRefused(TlsSmtpServer server, String reason, String why, String... properties) {
		try (ConfigurableApplicationContext app = start(server, properties)) {
			assertThatException().isThrownBy(() -> send(app, "refused")).withStackTraceContaining(why);

			assertThat(server.receivedMessages()).isEmpty();
			MiddlewareApp.awaitOneFailure(app, "mail", peer(server), reason);
			assertThat(MiddlewareApp.plaintextRefused(app, "mail", peer(server))).isZero();
		}
	}

	private static ConfigurableApplicationContext start(TlsSmtpServer server, String... extra) {
		List<String> properties = new ArrayList<>(List.of("spring.mail.host=localhost",
				"spring.mail.port=" + server.port(), "spring.mail.properties.mail.smtp.timeout=5000",
				"spring.mail.properties.mail.smtps.timeout=5000", "secure.comms.middleware.revocation=off",
				"spring.ssl.bundle.pem.mail.truststore.certificate=file:" + directory.resolve("ca.crt")));
		properties.addAll(List.of(extra));
		return MiddlewareApp.start(properties);
	}

	private static void send(ConfigurableApplicationContext app, String subject) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom("app@localhost");
		message.setTo("ops@localhost");
		message.setSubject(subject);
		message.setText("sent by " + MailTlsIntegrationTests.class.getSimpleName());
		app.getBean(JavaMailSender.class).send(message);
	}

	private static String peer(TlsSmtpServer server) {
		return "localhost:" + server.port();
	}

	/** A sender the application builds itself, over SMTPS but trusting every server. */
	static class OwnSender {

		@Bean
		JavaMailSenderImpl mailSender() {
			JavaMailSenderImpl sender = new JavaMailSenderImpl();
			sender.setHost("mail.example");
			sender.setProtocol("smtps");
			Properties properties = new Properties();
			properties.setProperty("mail.smtps.ssl.trust", "*");
			properties.setProperty("mail.smtps.ssl.checkserveridentity", "false");
			sender.setJavaMailProperties(properties);
			return sender;
		}

	}

}
