package io.securecomms.server;

import java.util.function.Supplier;

import io.securecomms.metrics.Channel;

import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.AbstractConfigurableWebServerFactory;
import org.springframework.boot.web.server.Ssl;

/**
 * What a separate management port must do, whatever its web server: Spring Boot gives it
 * TLS only from {@code management.server.ssl}; when that is absent, it inherits the
 * application's {@code server.ssl} (a fresh copy, so the two never share state). TLS is
 * always required, client authentication at least as configured. (No web server's types
 * appear here, so that each server's adapter can use it without the others on the class
 * path.)
 */
public final class ManagementListener {

	private ManagementListener() {
	}

	public static ListenerTls inherit(AbstractConfigurableWebServerFactory factory, Supplier<Ssl> serverSsl,
			SslBundles bundles, ClientAuth clientAuth, AllowedClients allowedClients) {
		String sslPrefix = "management.server.ssl";
		if (factory.getSsl() == null) {
			factory.setSsl(serverSsl.get());
			sslPrefix = "server.ssl";
		}
		factory.setSslBundles(bundles);
		return new ListenerTls(Channel.MANAGEMENT, sslPrefix, true, clientAuth, "secure.comms.management.client-auth",
				allowedClients);
	}

}
