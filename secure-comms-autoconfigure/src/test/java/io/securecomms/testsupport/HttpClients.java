package io.securecomms.testsupport;

import java.time.Duration;
import java.util.function.Function;

import org.springframework.boot.restclient.RestTemplateBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The three clients a Spring application gets from Boot's builders, each making one GET.
 */
public enum HttpClients {

	REST_CLIENT((context) -> (
			url) -> context.getBean(RestClient.Builder.class).build().get().uri(url).retrieve().body(String.class)),

	REST_TEMPLATE(
			(context) -> (url) -> context.getBean(RestTemplateBuilder.class).build().getForObject(url, String.class)),

	WEB_CLIENT((context) -> (url) -> context.getBean(WebClient.Builder.class)
		.build()
		.get()
		.uri(url)
		.retrieve()
		.bodyToMono(String.class)
		.block(Duration.ofSeconds(30)));

	private final Function<ApplicationContext, Function<String, String>> client;

	HttpClients(Function<ApplicationContext, Function<String, String>> client) {
		this.client = client;
	}

	/** GETs {@code url} and returns the body, or throws what the client threw. */
	public String get(ApplicationContext context, String url) {
		return this.client.apply(context).apply(url);
	}

}
