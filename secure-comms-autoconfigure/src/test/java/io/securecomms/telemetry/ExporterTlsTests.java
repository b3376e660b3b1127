package io.securecomms.telemetry;

import io.securecomms.policy.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExporterTlsTests {

	private static final String PROPERTY = "management.opentelemetry.tracing.export.otlp.endpoint";

	@Test
	void anHttpsEndpointIsFine() {
		assertThat(ExporterTls.check(PROPERTY, "https://collector.example:4318/v1/traces")).isEmpty();
		assertThat(ExporterTls.check(PROPERTY, "HTTPS://collector.example/v1/traces")).isEmpty();
	}

	@Test
	void aPlaintextEndpointIsAViolationNamingThePropertyAndTheFix() {
		assertThat(ExporterTls.check(PROPERTY, "http://localhost:4318/v1/traces")).singleElement()
			.satisfies((violation) -> {
				assertThat(violation.kind()).isEqualTo(Violation.Kind.INSECURE);
				assertThat(violation.property()).isEqualTo(PROPERTY);
				assertThat(violation.value()).isEqualTo("http://localhost:4318/v1/traces");
				assertThat(violation.problem()).contains("plaintext");
				assertThat(violation.fix()).contains("set " + PROPERTY + " to the collector's https:// endpoint");
			});
	}

	@Test
	void anEndpointWithoutSchemeIsAViolation() {
		assertThat(ExporterTls.check(PROPERTY, "collector:4318")).singleElement()
			.satisfies((violation) -> assertThat(violation.problem()).contains("not an https:// URL"));
	}

	@Test
	void thePostureShowsOnlyHostAndPort() {
		assertThat(ExporterTls.target("https://user:secret@collector.example:4318/v1/traces?x=y"))
			.isEqualTo("collector.example:4318");
		assertThat(ExporterTls.target("https://collector.example/v1/traces")).isEqualTo("collector.example:443");
		assertThat(ExporterTls.target("http://localhost/v1/metrics")).isEqualTo("localhost:80");
		assertThat(ExporterTls.target("not a url")).isEqualTo("unknown");
	}

}
