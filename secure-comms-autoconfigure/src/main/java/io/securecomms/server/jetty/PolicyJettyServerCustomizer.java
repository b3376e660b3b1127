package io.securecomms.server.jetty;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import io.securecomms.metrics.Channel;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.server.AllowedClients;
import io.securecomms.server.ClientAuth;
import io.securecomms.server.ServerEngineParameters;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.jetty.JettyServerCustomizer;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;

/**
 * Puts the TLS connector Spring Boot built for a Jetty server (from {@code server.ssl})
 * on the policy: the JDK's engines with the policy's protocols and suites in its order
 * and the server's order honoured, no renegotiation, client authentication at least as
 * asked, every handshake observed ({@link ObservedSslConnectionFactory}) and HSTS on
 * every response ({@link HstsCustomizer}). Runs after Boot's own SSL customizer, which
 * Jetty applies first. When the server's bundle is reloaded, Jetty's context is rebuilt
 * from it; the policy stays, as it lives in the context factory's settings.
 */
final class PolicyJettyServerCustomizer implements JettyServerCustomizer {

	private final TlsPolicy policy;

	private final ClientAuth clientAuth;

	private final Channel channel;

	private final HandshakeEvents events;

	private final @Nullable String hstsHeader;

	private final AllowedClients allowedClients;

	private final List<SslContextFactory.Server> contexts = new ArrayList<>();

	/**
	 * @param hstsHeader the {@code Strict-Transport-Security} value, or {@code null} to
	 * send none
	 */
	PolicyJettyServerCustomizer(TlsPolicy policy, ClientAuth clientAuth, Channel channel, HandshakeEvents events,
			@Nullable String hstsHeader, Ssl ssl, @Nullable SslBundles bundles, AllowedClients allowedClients) {
		this.allowedClients = allowedClients;
		this.policy = policy;
		this.clientAuth = clientAuth;
		this.channel = channel;
		this.events = events;
		this.hstsHeader = hstsHeader;
		if (bundles != null && ssl.getBundle() != null && !ssl.getBundle().isBlank()) {
			bundles.addBundleUpdateHandler(ssl.getBundle(), this::reload);
		}
	}

	@Override
	public void customize(Server server) {
		for (Connector connector : server.getConnectors()) {
			if (connector instanceof AbstractConnector tls
					&& tls.getConnectionFactory(SslConnectionFactory.class) != null) {
				harden(tls);
			}
		}
	}

	private void harden(AbstractConnector connector) {
		List<ConnectionFactory> factories = new ArrayList<>();
		Set<HttpConfiguration> configurations = new LinkedHashSet<>();
		for (ConnectionFactory factory : connector.getConnectionFactories()) {
			if (factory instanceof SslConnectionFactory ssl && !(factory instanceof ObservedSslConnectionFactory)) {
				SslContextFactory.Server context = ssl.getSslContextFactory();
				applyPolicy(context);
				synchronized (this.contexts) {
					this.contexts.add(context);
				}
				factory = new ObservedSslConnectionFactory(context, ssl.getNextProtocol(),
						new ServerEngineParameters(this.policy), this.channel, this.events, this.allowedClients);
			}
			if (factory instanceof HttpConfiguration.ConnectionFactory http) {
				configurations.add(http.getHttpConfiguration());
			}
			factories.add(factory);
		}
		connector.setConnectionFactories(factories);
		if (this.hstsHeader != null) {
			HstsCustomizer hsts = new HstsCustomizer(this.hstsHeader);
			configurations.forEach((configuration) -> configuration.addCustomizer(hsts));
			hsts.coverErrors(connector.getServer());
		}
	}

	private void applyPolicy(SslContextFactory.Server context) {
		// The JDK's engines (Boot picks Conscrypt for HTTP/2 when it is present): the
		// ones the policy is checked on.
		context.setProvider(null);
		context.setIncludeProtocols(this.policy.protocolArray());
		context.setExcludeProtocols();
		context.setIncludeCipherSuites(this.policy.cipherSuiteArray());
		context.setExcludeCipherSuites();
		// Boot sorts suites for HTTP/2; the policy's order is already strongest first and
		// all of them are AEAD.
		context.setCipherComparator(null);
		context.setUseCipherSuitesOrder(true);
		context.setRenegotiationAllowed(false);
		context.setNeedClientAuth(this.clientAuth == ClientAuth.NEED);
		context.setWantClientAuth(this.clientAuth != ClientAuth.NONE);
	}

	private void reload(SslBundle bundle) {
		List<SslContextFactory.Server> reloading;
		synchronized (this.contexts) {
			reloading = List.copyOf(this.contexts);
		}
		for (SslContextFactory.Server context : reloading) {
			try {
				context.reload((reloaded) -> {
					reloaded.setKeyStore(bundle.getStores().getKeyStore());
					reloaded.setKeyStorePassword(bundle.getStores().getKeyStorePassword());
					reloaded.setTrustStore(bundle.getStores().getTrustStore());
					reloaded.setCertAlias(bundle.getKey().getAlias());
					if (bundle.getKey().getPassword() != null) {
						reloaded.setKeyManagerPassword(bundle.getKey().getPassword());
					}
				});
			}
			catch (Exception ex) {
				throw new IllegalStateException("The TLS context of the " + this.channel.tag()
						+ " port cannot be reloaded from its SSL bundle: " + ex.getMessage(), ex);
			}
		}
	}

}
