package io.securecomms.server;

import java.util.List;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;

/**
 * What hardening any embedded server needs, whichever it is (Tomcat, Reactor Netty, ...):
 * the policy, where violations go, where handshakes are reported, the HSTS policy, the
 * check of the server's SSL settings and the SSL bundles.
 *
 * @param bundles the application's SSL bundles, or {@code null} when there are none
 * @param engine the TLS engine the server's connectors run on: the one configured, or the
 * JDK's when the configured one cannot run and report mode let that through
 */
public record ServerHardening(TlsPolicy policy, PolicyViolations violations, HandshakeEvents events, HstsPolicy hsts,
		ServerTlsCheck check, @Nullable SslBundles bundles, ServerEngine engine) {

	/**
	 * Checks the HSTS settings once (a violation in them stops startup in enforce mode)
	 * and builds the check of the server's SSL settings.
	 */
	/**
	 * Checks the HSTS settings and the TLS engine once (a violation in them stops startup
	 * in enforce mode; report mode falls back to the JDK's engines) and builds the check
	 * of the server's SSL settings.
	 * @param engine the engine {@code secure.comms.server.engine} asks for
	 * @param ocspStapling whether the server staples OCSP responses
	 */
	public static ServerHardening of(TlsPolicy policy, PolicyViolations violations, HandshakeEvents events,
			HstsPolicy hsts, @Nullable SslBundles bundles, ServerEngine engine, boolean ocspStapling) {
		violations.handle(hsts.violations());
		List<Violation> engineViolations = NativeTlsEngine.check(engine, policy, ocspStapling);
		violations.handle(engineViolations);
		return new ServerHardening(policy, violations, events, hsts, new ServerTlsCheck(bundles), bundles,
				engineViolations.isEmpty() ? engine : ServerEngine.JSSE);
	}

	/**
	 * A web server the native engine does not serve yet: asking for it is a violation
	 * saying why (report mode keeps the JDK's engines), reported once, for the
	 * application's port.
	 */
	public void refuseNativeEngine(String server, ListenerTls listener) {
		if (this.engine != ServerEngine.JSSE && listener.channel() == Channel.SERVER) {
			this.violations.handle(List.of(Violation.insecure(NativeTlsEngine.PROPERTY, this.engine.value(),
					"the native TLS engine serves Tomcat and Reactor Netty; " + server + " runs on the JDK's engines",
					"Set " + NativeTlsEngine.PROPERTY + "=jsse, or run the application on Tomcat or Reactor Netty")));
		}
	}

	/**
	 * The {@code Strict-Transport-Security} value to send, or {@code null} to send none.
	 */
	public @Nullable String hstsHeader() {
		return this.hsts.enabled() ? this.hsts.headerValue() : null;
	}

	/**
	 * The bundles a server's SSL settings name: the factory's own, else the
	 * application's.
	 */
	public @Nullable SslBundles bundlesOf(AbstractConfigurableWebServerFactory factory) {
		return (factory.getSslBundles() != null) ? factory.getSslBundles() : this.bundles;
	}

	/**
	 * A web server the starter adds no redirect-only port to (only Tomcat has one):
	 * setting {@code secure.comms.server.http-redirect-port} is a violation saying why.
	 * @param httpRedirectPort the property's value, or {@code null} when unset
	 * @param why why this server cannot have it
	 */
	public void refuseRedirectPort(@Nullable Integer httpRedirectPort, String why) {
		if (httpRedirectPort != null) {
			this.violations.handle(List.of(Violation.invalid("secure.comms.server.http-redirect-port",
					String.valueOf(httpRedirectPort), why, "Remove secure.comms.server.http-redirect-port (redirect at "
							+ "the load balancer), or run the application on Tomcat")));
		}
	}

}
