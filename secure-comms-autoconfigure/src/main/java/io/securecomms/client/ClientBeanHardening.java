package io.securecomms.client;

import java.io.Closeable;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;

/**
 * Puts the application's client beans on the starter's hardened request factory or
 * connector, whatever way they were built: Boot's customizers only reach clients built
 * from its builder beans, and only while the builder bean is Boot's own. A client bean on
 * a factory of its own is a violation rather than silently replaced: the application
 * chose that factory for its settings (proxy, pool, trust), which a replacement would
 * drop.
 */
public final class ClientBeanHardening implements BeanPostProcessor, DisposableBean {

	private static final Log logger = LogFactory.getLog(ClientBeanHardening.class);

	private final ClientBeanRule rule;

	private final Supplier<HttpClientCoverage> coverage;

	private final Supplier<PolicyViolations> violations;

	private final List<Object> created = new CopyOnWriteArrayList<>();

	private ClientBeanHardening(ClientBeanRule rule, Supplier<HttpClientCoverage> coverage,
			Supplier<PolicyViolations> violations) {
		this.rule = rule;
		this.coverage = coverage;
		this.violations = violations;
	}

	/**
	 * RestTemplate and RestClient beans and the application's
	 * ClientHttpRequestFactoryBuilder bean.
	 */
	public static ClientBeanHardening imperative(Supplier<HardenedHttpClients> clients,
			Supplier<@Nullable ClientHttpRequestFactoryBuilder<?>> builder, Supplier<HttpClientSettings> settings,
			Supplier<HttpClientCoverage> coverage, Supplier<PolicyViolations> violations) {
		return new ClientBeanHardening(new ImperativeClientBeans(clients, builder, settings), coverage, violations);
	}

	/**
	 * WebClient beans and the application's ClientHttpConnectorBuilder and
	 * ClientHttpConnector beans.
	 */
	public static ClientBeanHardening reactive(Supplier<HardenedHttpConnectors> connectors,
			Supplier<@Nullable ClientHttpConnectorBuilder<?>> builder, Supplier<HttpClientSettings> settings,
			Supplier<HttpClientCoverage> coverage, Supplier<PolicyViolations> violations) {
		return new ClientBeanHardening(new ReactiveClientBeans(connectors, builder, settings), coverage, violations);
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		ClientBeanRule.Outcome outcome = this.rule.apply(bean, this.created::add);
		if (outcome == null) {
			return bean;
		}
		String name = BeanFactoryUtils.transformedBeanName(beanName);
		this.coverage.get()
			.add(new HttpClientCoverage.ClientBean(name, outcome.type(), outcome.status(), outcome.detail()));
		switch (outcome.status()) {
			case ADOPTED ->
				logger.info("secure-comms hardened " + outcome.type() + " bean '" + name + "': " + outcome.detail());
			case NOT_COVERED -> this.violations.get()
				.handle(List.of(Violation.insecure(outcome.type() + " bean '" + name + "'", outcome.detail(),
						"its requests do not carry the TLS policy: they may go out as http:// in clear or trust any "
								+ "certificate",
						Objects.requireNonNull(outcome.fix(), "a bean not covered says what to do"))));
			default -> {
			}
		}
		return outcome.bean();
	}

	/**
	 * Closes the factories and connectors made for client beans: they hold connection
	 * pools.
	 */
	@Override
	public void destroy() throws Exception {
		for (Object made : this.created) {
			if (made instanceof DisposableBean disposable) {
				disposable.destroy();
			}
			else if (made instanceof Closeable closeable) {
				closeable.close();
			}
		}
	}

}
