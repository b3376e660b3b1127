package io.securecomms.autoconfigure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class JvmTlsPropertiesEnvironmentPostProcessorTests {

	private final String stapling = System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING);

	private final String crl = System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS);

	@AfterEach
	void restore() {
		restore(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING, this.stapling);
		restore(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS, this.crl);
	}

	@Test
	void setsWhatTheSettingsNeed() {
		System.clearProperty(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING);
		System.clearProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS);
		MockEnvironment environment = new MockEnvironment().withProperty("secure.comms.server.ocsp-stapling", "true");

		new JvmTlsPropertiesEnvironmentPostProcessor().postProcessEnvironment(environment, new SpringApplication());

		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING)).isEqualTo("true");
		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS)).isEqualTo("true");
	}

	@Test
	void leavesTheJvmAloneWhenDisabledOrOff() {
		System.clearProperty(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING);
		System.clearProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS);

		new JvmTlsPropertiesEnvironmentPostProcessor().postProcessEnvironment(
				new MockEnvironment().withProperty("secure.comms.client.revocation", "off"), new SpringApplication());
		new JvmTlsPropertiesEnvironmentPostProcessor().postProcessEnvironment(new MockEnvironment()
			.withProperty("secure.comms.enabled", "false")
			.withProperty("secure.comms.server.ocsp-stapling", "true"), new SpringApplication());

		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.OCSP_STAPLING)).isNull();
		assertThat(System.getProperty(JvmTlsPropertiesEnvironmentPostProcessor.CRL_DISTRIBUTION_POINTS)).isNull();
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
