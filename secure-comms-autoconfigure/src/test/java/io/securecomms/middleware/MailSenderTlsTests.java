package io.securecomms.middleware;

import java.util.List;
import java.util.Properties;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

import io.securecomms.middleware.MailSenderTls.Settings;
import io.securecomms.policy.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mail rules, read as Angus Mail reads its properties: under the sender's protocol,
 * {@code mail.smtp.*} or {@code mail.smtps.*}.
 */
class MailSenderTlsTests {

	private static final SSLSocketFactory POLICY = (SSLSocketFactory) SSLSocketFactory.getDefault();

	@Test
	void smtpsAndSslEnableAndRequiredStartTlsAreVerifiedTls() {
		assertThat(weaknesses("smtps")).isEmpty();
		assertThat(weaknesses(null, "mail.smtp.ssl.enable", "true")).isEmpty();
		// A sender without a protocol takes the session's transport protocol, as
		// JavaMailSenderImpl does.
		assertThat(weaknesses(null, "mail.transport.protocol", "smtps")).isEmpty();
		assertThat(weaknesses("smtp", "mail.smtp.starttls.required", "true")).isEmpty();
		assertThat(settings("smtp", "mail.smtp.starttls.required", "true").usesTls()).isTrue();
	}

	@Test
	void switchesAreReadAsAngusMailReadsThem() {
		// " true" is not "true" to Angus Mail: the sender stays on plain SMTP.
		assertThat(settings("smtp", "mail.smtp.ssl.enable", " true").implicitTls()).isFalse();
		assertThat(weaknesses("smtp", "mail.smtp.starttls.required", "TRUE")).isEmpty();
		Properties properties = new Properties();
		properties.put("mail.smtp.starttls.required", Boolean.TRUE);
		assertThat(new Settings("smtp", properties, null, true).weaknesses()).isEmpty();
		// Only "false" turns the identity check off.
		assertThat(weaknesses("smtps", "mail.smtps.ssl.checkserveridentity", "no")).isEmpty();
		assertThat(weaknesses("smtps", "mail.smtps.ssl.checkserveridentity", "FALSE")).hasSize(1);
	}

	@Test
	void plainSmtpNamesStartTlsRequiredAndSmtpsAsTheFix() {
		Violation weakness = single(weaknesses("smtp"));

		assertThat(weakness.property()).isEqualTo("spring.mail.properties[mail.smtp.starttls.required]");
		assertThat(weakness.value()).isEqualTo("false");
		assertThat(weakness.problem()).contains("plain SMTP");
		assertThat(weakness.fix()).isEqualTo("set spring.mail.properties[mail.smtp.starttls.required]=true (STARTTLS), "
				+ "or spring.mail.protocol=smtps (SMTPS, usually port 465)");
		assertThat(settings("smtp").usesTls()).isFalse();
	}

	@Test
	void startTlsThatIsOnlyEnabledCanBeStrippedAndIsAWeakness() {
		Violation weakness = single(weaknesses("smtp", "mail.smtp.starttls.enable", "true"));

		assertThat(weakness.property()).isEqualTo("spring.mail.properties[mail.smtp.starttls.required]");
		assertThat(weakness.problem()).contains("only used when the server offers it");
		assertThat(settings("smtp", "mail.smtp.starttls.enable", "true").usesTls()).isTrue();
	}

	@Test
	void anUncheckedServerIdentityIsAWeaknessUnderTheProtocolsOwnPrefix() {
		Violation weakness = single(weaknesses("smtps", "mail.smtps.ssl.checkserveridentity", "false"));

		assertThat(weakness.property()).isEqualTo("spring.mail.properties[mail.smtps.ssl.checkserveridentity]");
		assertThat(weakness.fix()).contains("remove spring.mail.properties[mail.smtps.ssl.checkserveridentity]");
		// Angus Mail's SMTPS transport never reads mail.smtp.*.
		assertThat(weaknesses("smtps", "mail.smtp.ssl.checkserveridentity", "false")).isEmpty();
	}

	@Test
	void sslTrustIsAWeaknessWhetherItTrustsAllOrNamedHosts() {
		assertThat(single(weaknesses("smtps", "mail.smtps.ssl.trust", "*")).problem())
			.isEqualTo("trusts every certificate any server presents");
		Violation named = single(weaknesses("smtps", "mail.smtps.ssl.trust", "mail.example"));
		assertThat(named.problem()).contains("whoever signed it");
		assertThat(named.fix()).contains("spring.mail.ssl.bundle");
	}

	@Test
	void aSocketFactoryOfTheApplicationsOwnIsAWeakness() {
		assertThat(single(weaknesses("smtps", "mail.smtps.ssl.socketFactory.class", "com.example.TrustAll")).property())
			.isEqualTo("spring.mail.properties[mail.smtps.ssl.socketFactory.class]");
		Properties properties = new Properties();
		properties.put("mail.smtps.ssl.socketFactory", POLICY);
		assertThat(single(new Settings("smtps", properties, null, false).weaknesses()).property())
			.isEqualTo("mail.smtps.ssl.socketFactory");
		// The one Boot made from spring.mail.ssl.bundle is replaced by the policy's,
		// trusting that bundle.
		assertThat(new Settings("smtps", properties, "mail", true).weaknesses()).isEmpty();
	}

	@Test
	void aSenderOfTheApplicationsOwnIsNamedByItsJavaMailProperty() {
		assertThat(single(new Settings("smtp", new Properties(), null, false).weaknesses()).property())
			.isEqualTo("mail.smtp.starttls.required");
	}

	@Test
	void smtpsGetsThePolicyFactoryTheIdentityCheckAndNoFallback() {
		Properties properties = properties("mail.smtps.ssl.socketFactory.class", "com.example.TrustAll",
				"mail.smtps.ssl.checkserveridentity", "false");

		new Settings("smtps", properties, null, true).applyTo(properties, POLICY, null);

		assertThat(properties.get("mail.smtps.ssl.socketFactory")).isSameAs(POLICY);
		assertThat(properties).doesNotContainKey("mail.smtps.ssl.socketFactory.class")
			.doesNotContainKey("mail.smtps.socketFactory")
			.containsEntry("mail.smtps.ssl.checkserveridentity", "true")
			.containsEntry("mail.smtps.socketFactory.fallback", "false");
	}

	@Test
	void requiredStartTlsGetsThePolicyFactoryBehindAWatchOfThePlainConnection() {
		Properties properties = properties("mail.smtp.starttls.required", "true");

		new Settings("smtp", properties, null, true).applyTo(properties, POLICY, null);

		assertThat(properties.get("mail.smtp.socketFactory")).isInstanceOf(SocketFactory.class)
			.isNotInstanceOf(SSLSocketFactory.class);
		assertThat(properties.get("mail.smtp.ssl.socketFactory")).isInstanceOf(SSLSocketFactory.class)
			.isNotSameAs(POLICY);
		assertThat(properties).containsEntry("mail.smtp.ssl.checkserveridentity", "true")
			.containsEntry("mail.smtp.socketFactory.fallback", "false");
	}

	private static Violation single(List<Violation> weaknesses) {
		assertThat(weaknesses).hasSize(1);
		return weaknesses.get(0);
	}

	private static List<Violation> weaknesses(String protocol, String... keysAndValues) {
		return settings(protocol, keysAndValues).weaknesses();
	}

	private static Settings settings(String protocol, String... keysAndValues) {
		return new Settings(protocol, properties(keysAndValues), null, true);
	}

	private static Properties properties(String... keysAndValues) {
		Properties properties = new Properties();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
		}
		return properties;
	}

}
