package io.securecomms.client;

import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.client.AbstractClientHttpRequestFactoryWrapper;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * RestTemplate and RestClient beans, and the application's own
 * {@link ClientHttpRequestFactoryBuilder} bean (which makes Boot skip every builder
 * customizer, the starter's included).
 */
final class ImperativeClientBeans implements ClientBeanRule {

	private static final String FIX = "Build it from the injected %s and set timeouts, proxies and pools through "
			+ "spring.http.clients.* or a ClientHttpRequestFactoryBuilder bean (both hardened), or give it no request "
			+ "factory so that secure-comms puts it on the hardened one";

	private final Supplier<HardenedHttpClients> clients;

	private final Supplier<@Nullable ClientHttpRequestFactoryBuilder<?>> builder;

	private final Supplier<HttpClientSettings> settings;

	private @Nullable ClientHttpRequestFactory shared;

	/**
	 * @param clients the starter's customizer (suppliers throughout: a bean
	 * post-processor must not create beans before it meets a client)
	 * @param builder the builder bean (the application's, hardened, or Boot's),
	 * {@code null} when there is none
	 */
	ImperativeClientBeans(Supplier<HardenedHttpClients> clients,
			Supplier<@Nullable ClientHttpRequestFactoryBuilder<?>> builder, Supplier<HttpClientSettings> settings) {
		this.clients = clients;
		this.builder = builder;
		this.settings = settings;
	}

	@Override
	public @Nullable Outcome apply(Object bean, Consumer<Object> created) {
		if (bean instanceof ClientHttpRequestFactoryBuilder<?> builder) {
			HardenedHttpClients clients = this.clients.get();
			return ClientBeanRule.builderBean(builder, "ClientHttpRequestFactoryBuilder", clients::isHardened,
					clients::customize);
		}
		if (bean instanceof RestTemplate template) {
			return restTemplate(template, created);
		}
		if (bean instanceof RestClient client) {
			return restClient(client, created);
		}
		return null;
	}

	private Outcome restTemplate(RestTemplate template, Consumer<Object> created) {
		ClientHttpRequestFactory factory = unwrap(template.getRequestFactory());
		if (this.clients.get().isHardened(factory)) {
			return Outcome.hardened(template, "RestTemplate", "on the hardened request factory");
		}
		if (isRestTemplateDefault(factory)) {
			template.setRequestFactory(hardenedFactory(created));
			return Outcome.adopted(template, "RestTemplate",
					"its default SimpleClientHttpRequestFactory replaced by the hardened request factory");
		}
		return ownFactory(template, "RestTemplate", factory, "RestTemplateBuilder");
	}

	private Outcome restClient(RestClient client, Consumer<Object> created) {
		Object factory;
		try {
			factory = ClientBeanRule.field(client.mutate(), "requestFactory");
		}
		catch (IllegalStateException ex) {
			return Outcome.notCovered(client, "RestClient",
					"its request factory cannot be read (" + ex.getMessage() + ")",
					String.format(FIX, "RestClient.Builder"));
		}
		if (factory == null) {
			// RestClient.create() and RestClient.builder().build(): the library picks a
			// default factory.
			return Outcome.adopted(client.mutate().requestFactory(hardenedFactory(created)).build(), "RestClient",
					"rebuilt on the hardened request factory (it had Spring's default)");
		}
		ClientHttpRequestFactory own = unwrap((ClientHttpRequestFactory) factory);
		if (this.clients.get().isHardened(own)) {
			return Outcome.hardened(client, "RestClient", "on the hardened request factory");
		}
		if (isRestTemplateDefault(own)) {
			// RestClient.create(new RestTemplate()) takes over the template's default
			// factory.
			return Outcome.adopted(client.mutate().requestFactory(hardenedFactory(created)).build(), "RestClient",
					"rebuilt on the hardened request factory (it had RestTemplate's default)");
		}
		return ownFactory(client, "RestClient", own, "RestClient.Builder");
	}

	/**
	 * new RestTemplate() gets a SimpleClientHttpRequestFactory: Spring's default, nothing
	 * the application chose.
	 */
	private static boolean isRestTemplateDefault(ClientHttpRequestFactory factory) {
		return factory.getClass() == SimpleClientHttpRequestFactory.class;
	}

	/**
	 * A factory the application configured itself: replacing it would drop its settings,
	 * so it is flagged.
	 */
	private static Outcome ownFactory(Object client, String type, ClientHttpRequestFactory factory, String builder) {
		return Outcome.notCovered(client, type, "on a request factory of its own (" + factory.getClass().getSimpleName()
				+ "), which secure-comms cannot check", String.format(FIX, builder));
	}

	/**
	 * One factory for every client bean it replaces: one connection pool, not one per
	 * (prototype) bean.
	 */
	private synchronized ClientHttpRequestFactory hardenedFactory(Consumer<Object> created) {
		if (this.shared == null) {
			ClientHttpRequestFactoryBuilder<?> builder = this.builder.get();
			this.shared = this.clients.get()
				.customize((builder != null) ? builder : ClientHttpRequestFactoryBuilder.httpComponents())
				.build(this.settings.get());
			created.accept(this.shared);
		}
		return this.shared;
	}

	private static ClientHttpRequestFactory unwrap(ClientHttpRequestFactory factory) {
		ClientHttpRequestFactory unwrapped = factory;
		while (unwrapped instanceof AbstractClientHttpRequestFactoryWrapper wrapper) {
			unwrapped = wrapper.getDelegate();
		}
		return unwrapped;
	}

}
