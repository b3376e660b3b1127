package io.securecomms.client;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * WebClient beans, the application's own {@link ClientHttpConnectorBuilder} bean (which
 * makes Boot skip every builder customizer) and its own {@link ClientHttpConnector} bean
 * (which Boot gives every WebClient.Builder).
 */
final class ReactiveClientBeans implements ClientBeanRule {

	private static final String FIX = "Build it from the injected WebClient.Builder and set timeouts, proxies and "
			+ "pools through spring.http.clients.* or a ClientHttpConnectorBuilder bean (both hardened), or give it no "
			+ "connector so that secure-comms puts it on the hardened one";

	private final Supplier<HardenedHttpConnectors> connectors;

	private final Supplier<@Nullable ClientHttpConnectorBuilder<?>> builder;

	private final Supplier<HttpClientSettings> settings;

	private @Nullable ClientHttpConnector shared;

	/**
	 * @param connectors the starter's customizer (suppliers throughout: a bean
	 * post-processor must not create beans before it meets a client)
	 * @param builder the builder bean (the application's, hardened, or Boot's),
	 * {@code null} when there is none
	 */
	ReactiveClientBeans(Supplier<HardenedHttpConnectors> connectors,
			Supplier<@Nullable ClientHttpConnectorBuilder<?>> builder, Supplier<HttpClientSettings> settings) {
		this.connectors = connectors;
		this.builder = builder;
		this.settings = settings;
	}

	@Override
	public @Nullable Outcome apply(Object bean, Consumer<Object> created) {
		if (bean instanceof ClientHttpConnectorBuilder<?> builder) {
			HardenedHttpConnectors connectors = this.connectors.get();
			return ClientBeanRule.builderBean(builder, "ClientHttpConnectorBuilder", connectors::isHardened,
					connectors::customize);
		}
		if (bean instanceof ClientHttpConnector connector) {
			return connector(connector);
		}
		if (bean instanceof WebClient client) {
			return webClient(client, created);
		}
		return null;
	}

	private Outcome connector(ClientHttpConnector connector) {
		if (this.connectors.get().isHardened(connector)) {
			return Outcome.hardened(connector, "ClientHttpConnector", "built by the hardened builder");
		}
		return ownConnector(connector, "ClientHttpConnector", "on its own (" + connector.getClass().getSimpleName()
				+ "), which secure-comms cannot check; Spring Boot gives it to every WebClient.Builder");
	}

	private Outcome webClient(WebClient client, Consumer<Object> created) {
		Object connector;
		Object exchange;
		try {
			connector = ClientBeanRule.field(client.mutate(), "connector");
			exchange = ClientBeanRule.field(client.mutate(), "exchangeFunction");
		}
		catch (IllegalStateException ex) {
			return ownConnector(client, "WebClient", "its connector cannot be read (" + ex.getMessage() + ")");
		}
		if (exchange != null) {
			return ownConnector(client, "WebClient",
					"on an ExchangeFunction of its own, which secure-comms cannot check");
		}
		if (connector == null) {
			// WebClient.create() and WebClient.builder().build(): the library picks a
			// default connector.
			return Outcome.adopted(client.mutate().clientConnector(hardenedConnector(created)).build(), "WebClient",
					"rebuilt on the hardened connector (it had Spring's default)");
		}
		if (this.connectors.get().isHardened(connector)) {
			return Outcome.hardened(client, "WebClient", "on the hardened connector");
		}
		return ownConnector(client, "WebClient", "on a connector of its own (" + connector.getClass().getSimpleName()
				+ "), which secure-comms cannot check");
	}

	/**
	 * A connector the application configured itself: replacing it would drop its
	 * settings, so it is flagged.
	 */
	private static Outcome ownConnector(Object bean, String type, String detail) {
		return Outcome.notCovered(bean, type, detail, FIX);
	}

	/**
	 * One connector for every client bean it replaces: one connection pool, not one per
	 * (prototype) bean.
	 */
	private synchronized ClientHttpConnector hardenedConnector(Consumer<Object> created) {
		if (this.shared == null) {
			ClientHttpConnectorBuilder<?> builder = this.builder.get();
			this.shared = this.connectors.get()
				.customize((builder != null) ? builder : ClientHttpConnectorBuilder.httpComponents())
				.build(this.settings.get());
			created.accept(this.shared);
		}
		return this.shared;
	}

}
