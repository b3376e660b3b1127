package io.securecomms.trust;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.actuate.PostureReport.CertificatePosture;
import io.securecomms.actuate.SecureCommsEndpoint;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client certificate that expires in 20 days: inside a 30-day
 * {@code secure.comms.metrics.expiry-warning}, outside the default 14 days. Boot's own
 * {@code ssl.chain.expiry} gauge is there for the same bundle.
 */
@ExtendWith(OutputCaptureExtension.class)
class CertificateExpiryIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void certificateInsideTheConfiguredThresholdIsFlaggedAndLoggedAtStartup(CapturedOutput output) {
		Authority ca = TestCertificates.rootCa("expiry CA");
		Instant now = Instant.now();
		var expiring = ca
			.issue(Spec.client("soon-expiring").valid(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(20))));
		expiring.writePem(this.directory, "client");
		ca.writePem(this.directory, "ca");
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TestApplication.class)
			.properties("spring.main.web-application-type=none", "spring.main.banner-mode=off",
					"management.endpoints.web.exposure.include=securecomms",
					"spring.ssl.bundle.pem.client.keystore.certificate=file:" + this.directory.resolve("client.crt"),
					"spring.ssl.bundle.pem.client.keystore.private-key=file:" + this.directory.resolve("client.key"),
					"spring.ssl.bundle.pem.client.truststore.certificate=file:" + this.directory.resolve("ca.crt"),
					"secure.comms.client.trust-bundle=client", "secure.comms.metrics.expiry-warning=30d")
			.run()) {
			CertificatePosture leaf = app.getBean(SecureCommsEndpoint.class)
				.posture()
				.certificates()
				.stream()
				.filter((certificate) -> certificate.subject().contains("CN=soon-expiring"))
				.findFirst()
				.orElseThrow();
			assertThat(leaf.expiresSoon()).isTrue();
			assertThat(leaf.daysLeft()).isBetween(18L, 20L);
			assertThat(app.getBean(SecureCommsEndpoint.class).posture().certificates())
				.filteredOn((certificate) -> certificate.subject().contains("CN=expiry CA"))
				.allMatch((certificate) -> !certificate.expiresSoon());
			assertThat(output).contains("WARN")
				.contains("SSL bundle 'client' presents certificate 'O=secure-comms tests,CN=soon-expiring' (serial "
						+ expiring.certificate().getSerialNumber().toString(16) + ") expires on")
				.contains("within secure.comms.metrics.expiry-warning=30d: renew it");
			assertThat(app.getBean(MeterRegistry.class).find("ssl.chain.expiry").tag("bundle", "client").gauges())
				.as("Boot's ssl.chain.expiry gauge")
				.isNotEmpty();
			assertThat(app.getBean(MeterRegistry.class).getMeters())
				.noneMatch((meter) -> meter.getId().getName().startsWith("secure.comms")
						&& meter.getId().getName().contains("expir"));
		}
	}

	@Test
	void defaultThresholdIsFourteenDays() {
		Instant now = Instant.now();
		var certificate = TestCertificates.rootCa("ca")
			.issue(Spec.client("c").valid(now, now.plus(Duration.ofDays(20))))
			.certificate();
		assertThat(CertificateExpiry.expiresSoon(certificate, now, Duration.ofDays(14))).isFalse();
		assertThat(CertificateExpiry.expiresSoon(certificate, now, Duration.ofDays(30))).isTrue();
		assertThat(new io.securecomms.autoconfigure.SecureCommsProperties().getMetrics().getExpiryWarning())
			.isEqualTo(Duration.ofDays(14));
	}

}
