package io.securecomms.autoconfigure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class JvmTlsPropertiesEnvironmentPostProcessorTests {

	private final String stapling = System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING);

	private final String crl = System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS);

	private final String renegotiation = System
		.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.REJECT_CLIENT_RENEGOTIATION);

	@AfterEach
	void restore() {
		restore(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING, this.stapling);
		restore(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS, this.crl);
		restore(JvmTlsPropertiesEnvironmentPostProcessor.REJECT_CLIENT_RENEGOTIATION, this.renegotiation);
	}

	@Test
	void asksTheJdkToRefuseClientRenegotiationUnlessTheJvmSaysOtherwise() {
		System.clearProperty(JvmTlsPropertiesEnvironmentPostProcessor.REJECT_CLIENT_RENEGOTIATION);
		new JvmTlsPropertiesEnvironmentPostProcessor().postProcessEnvironment(new MockEnvironment(),
				new SpringApplication());
		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.REJECT_CLIENT_RENEGOTIATION))
			.isEqualTo("true");

		System.setProperty(JvmTlsPropertiesEnvironmentPostProcessor.REJECT_CLIENT_RENEGOTIATION, "false");
		new JvmTlsPropertiesEnvironmentPostProcessor().postProcessEnvironment(new MockEnvironment(),
				new SpringApplication());
		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.REJECT_CLIENT_RENEGOTIATION))
			.isEqualTo("false");
	}

	@Test
	void setsWhatTheSettingsNeed() {
		System.clearProperty(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING);
		System.clearProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS);
		MockEnvironment environment = new MockEnvironment().withProperty("secure.comms.server.ocsp-stapling", "true");

		new JvmTlsPropertiesEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING)).isEqualTo("true");
		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS))
			.isEqualTo("true");
	}

	@Test
	void leavesTheJvmAloneWhenDisabledOrOff() {
		System.clearProperty(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING);
		System.clearProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS);

		new JvmTlsPropertiesEnvironmentPostProcessor()
			.postProcessEnvironment(
					new MockEnvironment().withProperty("secure.comms.client.revocation", "off")
						.withProperty("secure.comms.jdbc.revocation", "off")
						.withProperty("secure.comms.client.targets.partner.revocation", "off"),
					new SpringApplication());
		new JvmTlsPropertiesEnvironmentPostProcessor()
			.postProcessEnvironment(new MockEnvironment().withProperty("secure.comms.enabled", "false")
				.withProperty("secure.comms.server.ocsp-stapling", "true"), new SpringApplication());

		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING)).isNull();
		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS)).isNull();
	}

	@Test
	void anyChannelThatChecksRevocationNeedsTheCrlFallback() {
		assertThat(checksRevocation()).as("defaults").isTrue();
		assertThat(checksRevocation("secure.comms.client.revocation=off", "secure.comms.jdbc.revocation=OFF"))
			.isFalse();
		assertThat(checksRevocation("secure.comms.client.revocation=off")).as("JDBC's default").isTrue();
		assertThat(checksRevocation("secure.comms.client.revocation=off", "secure.comms.jdbc.revocation=hard-fail"))
			.isTrue();
		assertThat(checksRevocation("secure.comms.client.revocation=off", "secure.comms.jdbc.revocation=off",
				"secure.comms.client.targets.partner.hosts=partner.example",
				"secure.comms.client.targets.billing.revocation=soft-fail"))
			.as("a target's")
			.isTrue();
		assertThat(checksRevocation("secure.comms.client.revocation=off", "secure.comms.jdbc.revocation=off",
				"secure.comms.middleware.revocation=hard-fail"))
			.as("the middleware's")
			.isTrue();
		assertThat(checksRevocation("secure.comms.client.revocation=off", "secure.comms.jdbc.revocation=off",
				"secure.comms.client.targets.partner.revocation=off", "secure.comms.middleware.revocation=off"))
			.isFalse();
		assertThat(checksRevocation("secure.comms.client.revocation=sometimes", "secure.comms.jdbc.revocation=off"))
			.as("unreadable: the safe side")
			.isTrue();
	}

	@Test
	void aTargetsRevocationAloneSwitchesTheCrlFallbackOn() {
		System.clearProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS);
		MockEnvironment environment = new MockEnvironment().withProperty("secure.comms.client.revocation", "off")
			.withProperty("secure.comms.jdbc.revocation", "off")
			.withProperty("secure.comms.client.targets.partner.revocation", "hard-fail");

		new JvmTlsPropertiesEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS))
			.isEqualTo("true");
	}

	private static boolean checksRevocation(String... properties) {
		MockEnvironment environment = new MockEnvironment();
		for (String property : properties) {
			String[] keyValue = property.split("=", 2);
			environment.setProperty(keyValue[0], keyValue[1]);
		}
		return JvmTlsPropertiesEnvironmentPostProcessor.checksRevocation(Binder.get(environment));
	}

	private static void restore(String key, String value) {
		if (value == null) {
			System.clearProperty(key);
		}
		else {
			System.setProperty(key, value);
		}
	}

}
