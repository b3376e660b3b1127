package io.securecomms.server;

import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link UncoveredWebServerCheck} with Boot's real factories: Reactor Netty is reported, Tomcat is not.
 */
class UncoveredWebServerCheckTests {

	@Test
	void reactorNettyIsNotCoveredAndSaysSo() {
		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> new UncoveredWebServerCheck(new PolicyViolations(Mode.ENFORCE), true)
				.customize(new NettyReactiveWebServerFactory()))
			.satisfies((ex) -> assertThat(ex.getViolations()).singleElement().satisfies((violation) -> {
				assertThat(violation.property()).isEqualTo("web server");
				assertThat(violation.value()).startsWith("Reactor Netty (org.springframework.boot.reactor.netty.");
				assertThat(violation.problem()).contains("secure-comms does not cover Reactor Netty yet");
				assertThat(violation.fix()).contains("spring-boot-starter-tomcat",
						"secure.comms.server.require-tls=false", "secure.comms.mode=report");
			}));
	}

	@Test
	void reportModeLetsItRunAndKeepsTheViolation() {
		PolicyViolations violations = new PolicyViolations(Mode.REPORT);

		new UncoveredWebServerCheck(violations, true).customize(new NettyReactiveWebServerFactory());

		assertThat(violations.reported()).singleElement()
			.satisfies((violation) -> assertThat(violation.value()).startsWith("Reactor Netty"));
	}

	@Test
	void tomcatIsCoveredAndPlaintextByChoiceIsNotAViolation() {
		assertThat(UncoveredWebServerCheck.check(new TomcatServletWebServerFactory(), true)).isEmpty();
		assertThat(UncoveredWebServerCheck.check(new NettyReactiveWebServerFactory(), false)).isEmpty();
	}

}
