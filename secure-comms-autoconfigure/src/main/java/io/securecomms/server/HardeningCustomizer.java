package io.securecomms.server;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Hardens the application's own Tomcat. Runs last, after Boot has applied
 * {@code server.ssl}.
 */
public final class HardeningCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory>, Ordered {

	private final TomcatHardening hardening;

	private final ListenerTls listener;

	private final @Nullable Integer httpRedirectPort;

	private final @Nullable String httpRedirectHost;

	public HardeningCustomizer(TomcatHardening hardening, ListenerTls listener, @Nullable Integer httpRedirectPort,
			@Nullable String httpRedirectHost) {
		this.hardening = hardening;
		this.listener = listener;
		this.httpRedirectPort = httpRedirectPort;
		this.httpRedirectHost = httpRedirectHost;
	}

	@Override
	public void customize(TomcatWebServerFactory factory) {
		this.hardening.harden(factory, this.listener);
		if (this.httpRedirectPort != null) {
			this.hardening.addHttpsRedirect(factory, this.httpRedirectPort, this.httpRedirectHost);
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
