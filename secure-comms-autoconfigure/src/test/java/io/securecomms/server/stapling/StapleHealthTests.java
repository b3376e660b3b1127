package io.securecomms.server.stapling;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.securecomms.metrics.Channel;
import io.securecomms.server.stapling.StapleHealth.Listener;
import io.securecomms.test.OcspResponder;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link StapleHealth} logs a listener's staple outage once when it starts and once when
 * it ends, and counts every probe that finds no staple: against a real OCSP responder
 * that is stopped, then replaced.
 */
@ExtendWith(OutputCaptureExtension.class)
class StapleHealthTests {

	@Test
	void anOutageIsLoggedOnceCountedEveryProbeAndItsEndLogged(CapturedOutput output) {
		Authority ca = TestCertificates.rootCa("staple health test CA");
		OcspResponder responder = OcspResponder.start(ca);
		Issued server = ca.issue(Spec.server("localhost").ocsp(responder.url()).commonName("line\nbreak"));
		Map<String, String> properties = new ConcurrentHashMap<>();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		StapleFailureMeters meters = new StapleFailureMeters();
		meters.bindTo(registry);
		try (StapleHealth health = new StapleHealth(new StapleProbe(properties::get), Duration.ofMinutes(30),
				List.of(meters), null)) {
			health.track(new Listener(Channel.MANAGEMENT, 8444, server::chain));

			assertThat(health.probeNow()).extracting(StapleOutcome::describe).containsExactly("good");
			assertThat(registry.find(StapleFailureMeters.FAILURES).counter()).isNull();
			assertThat(output).doesNotContain("OCSP staple");

			responder.close();
			health.probeNow();
			health.probeNow();

			assertThat(health.latest("management", 8444)).extracting(StapleOutcome::describe)
				.isEqualTo("unavailable(unreachable)");
			assertThat(failures(registry, "management", "unreachable").count()).isEqualTo(2);
			String warning = "No OCSP staple on the management port 8444 [reason unreachable]: the status of "
					+ "certificate 'O=secure-comms tests,CN=line\\nbreak' (serial "
					+ server.certificate().getSerialNumber().toString(16) + ") cannot be had from OCSP responder "
					+ responder.url();
			assertThat(output.getAll().split(java.util.regex.Pattern.quote(warning), -1)).as("logged once").hasSize(2);
			assertThat(output).contains("ConnectException",
					"Handshakes go on without a staple; clients that require one will fail.");

			try (OcspResponder replacement = OcspResponder.start(ca)) {
				properties.put(StapleResponder.RESPONDER_URI, replacement.url());
				properties.put(StapleResponder.RESPONDER_OVERRIDE, "true");

				assertThat(health.probeNow()).extracting(StapleOutcome::describe).containsExactly("good");
				assertThat(output).contains("OCSP staple on the management port 8444 available again: responder "
						+ replacement.url() + " answers good");
				assertThat(failures(registry, "management", "unreachable").count()).isEqualTo(2);
			}
		}
	}

	@Test
	void aRevokedCertificateIsAnErrorAndCounted(CapturedOutput output) {
		Authority ca = TestCertificates.rootCa("staple health revoked CA");
		try (OcspResponder responder = OcspResponder.start(ca)) {
			Issued server = ca.issue(Spec.server("localhost").ocsp(responder.url()));
			responder.revoke(server.certificate());
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			StapleFailureMeters meters = new StapleFailureMeters();
			try (StapleHealth health = new StapleHealth(new StapleProbe(Map.<String, String>of()::get),
					Duration.ofMinutes(30), List.of(meters), null)) {
				health.track(new Listener(Channel.SERVER, 8443, server::chain));

				assertThat(health.probeNow()).extracting(StapleOutcome::describe).containsExactly("revoked");
				meters.bindTo(registry);

				assertThat(failures(registry, "server", "revoked").count()).as("counted before the registry came")
					.isEqualTo(1);
				assertThat(output).contains("ERROR",
						"OCSP stapling on the server port 8443: the server's own "
								+ "certificate 'O=secure-comms tests,CN=localhost' (serial "
								+ server.certificate().getSerialNumber().toString(16)
								+ ") is REVOKED, says its OCSP responder " + responder.url());
			}
		}
	}

	@Test
	void theProbePeriodIsHalfTheJdksCacheLifetime() {
		assertThat(StapleHealth.period(Map.<String, String>of()::get)).isEqualTo(Duration.ofMinutes(30));
		assertThat(StapleHealth.period(Map.of(StapleHealth.CACHE_LIFETIME, "600")::get))
			.isEqualTo(Duration.ofMinutes(5));
		assertThat(StapleHealth.period(Map.of(StapleHealth.CACHE_LIFETIME, "4")::get))
			.isEqualTo(StapleHealth.MIN_PERIOD);
		assertThat(StapleHealth.period(Map.of(StapleHealth.CACHE_LIFETIME, "0")::get))
			.isEqualTo(Duration.ofMinutes(30));
		assertThat(StapleHealth.period(Map.of(StapleHealth.CACHE_LIFETIME, "soon")::get))
			.isEqualTo(Duration.ofMinutes(30));
	}

	private static Counter failures(SimpleMeterRegistry registry, String channel, String reason) {
		return registry.get(StapleFailureMeters.FAILURES).tags("channel", channel, "reason", reason).counter();
	}

}
