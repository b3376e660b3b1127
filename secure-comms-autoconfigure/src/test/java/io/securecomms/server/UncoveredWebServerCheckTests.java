package io.securecomms.server;

import io.securecomms.policy.InsecureConfigurationException;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServer;
import org.springframework.boot.web.server.reactive.AbstractReactiveWebServerFactory;
import org.springframework.http.server.reactive.HttpHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link UncoveredWebServerCheck}: Tomcat and Reactor Netty (Boot's real factories;
 * Jetty's in {@code JettyServerIntegrationTests}) are covered, a server the starter does
 * not know (Undertow, which Boot 4 dropped, stands for a future one) is reported by name.
 */
class UncoveredWebServerCheckTests {

	@Test
	void aServerWithoutAdapterIsNotCoveredAndSaysSo() {
		assertThatExceptionOfType(InsecureConfigurationException.class)
			.isThrownBy(() -> new UncoveredWebServerCheck(new PolicyViolations(Mode.ENFORCE), true)
				.customize(new UndertowReactiveWebServerFactory()))
			.satisfies((ex) -> assertThat(ex.getViolations()).singleElement().satisfies((violation) -> {
				assertThat(violation.property()).isEqualTo("web server");
				assertThat(violation.value()).startsWith("Undertow (io.securecomms.server.");
				assertThat(violation.problem()).contains("secure-comms does not cover Undertow yet");
				assertThat(violation.fix()).contains("spring-boot-starter-tomcat", "spring-boot-starter-jetty",
						"Reactor Netty", "secure.comms.server.require-tls=false", "secure.comms.mode=report");
			}));
	}

	@Test
	void reportModeLetsItRunAndKeepsTheViolation() {
		PolicyViolations violations = new PolicyViolations(Mode.REPORT);

		new UncoveredWebServerCheck(violations, true).customize(new UndertowReactiveWebServerFactory());

		assertThat(violations.reported()).singleElement()
			.satisfies((violation) -> assertThat(violation.value()).startsWith("Undertow"));
	}

	@Test
	void tomcatAndReactorNettyAreCoveredAndPlaintextByChoiceIsNotAViolation() {
		assertThat(UncoveredWebServerCheck.check(new TomcatServletWebServerFactory(), true)).isEmpty();
		assertThat(UncoveredWebServerCheck.check(new NettyReactiveWebServerFactory(), true)).isEmpty();
		assertThat(UncoveredWebServerCheck.check(new UndertowReactiveWebServerFactory(), false)).isEmpty();
	}

	/**
	 * A server without an adapter; the check knows servers by their factory's class name.
	 */
	static class UndertowReactiveWebServerFactory extends AbstractReactiveWebServerFactory {

		@Override
		public WebServer getWebServer(HttpHandler httpHandler) {
			throw new UnsupportedOperationException();
		}

	}

}
