package io.securecomms.client;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Which HTTP clients carry the policy: the paths the starter covers, the one it cannot (a
 * client created at call time never passes through Spring), and what it found among the
 * application's client beans. Shown in the posture report and logged once at startup, so
 * that the scope is never a surprise.
 */
public final class HttpClientCoverage {

	private static final Log logger = LogFactory.getLog(HttpClientCoverage.class);

	/** The client paths that carry the policy. */
	public static final List<String> COVERED = List.of(
			"RestClient, RestTemplate and WebClient built from Spring Boot's builder beans (RestClient.Builder, "
					+ "RestTemplateBuilder, WebClient.Builder, RestClientSsl, WebClientSsl)",
			"RestTemplate, RestClient and WebClient beans however they were built: one on Spring's default request "
					+ "factory or connector is put on the hardened one, one on a factory of its own is flagged",
			"the application's own ClientHttpRequestFactoryBuilder and ClientHttpConnectorBuilder beans (hardened)");

	/** The client paths the starter cannot reach. */
	public static final List<String> NOT_COVERED = List.of(
			"clients created at call time, outside Spring's beans and builders: RestClient.create(), "
					+ "RestClient.builder().build(), new RestTemplate() or WebClient.create() inside a method",
			"the JDK HttpClient, HttpURLConnection and other HTTP libraries");

	private final List<ClientBean> beans = new CopyOnWriteArrayList<>();

	void add(ClientBean bean) {
		this.beans.add(bean);
	}

	/** The client beans seen, in the order they were created. */
	public List<ClientBean> beans() {
		return List.copyOf(this.beans);
	}

	/**
	 * The client beans that run on a factory or connector of their own, as
	 * {@code RestTemplate bean 'x'}.
	 */
	public List<String> notCovered() {
		return this.beans.stream()
			.filter((bean) -> bean.status() == Status.NOT_COVERED)
			.map(ClientBean::describe)
			.toList();
	}

	/** The one startup line that states the scope. */
	public String summary() {
		long adopted = this.beans.stream().filter((bean) -> bean.status() == Status.ADOPTED).count();
		List<String> notCovered = notCovered();
		return "secure-comms covers HTTP clients built from Spring Boot's builders and the application's "
				+ "RestTemplate, RestClient and WebClient beans (" + this.beans.size() + " client and builder beans, "
				+ adopted + " put on the hardened factory"
				+ (notCovered.isEmpty() ? "" : ", not covered: " + notCovered) + "). Not covered: "
				+ String.join("; ", NOT_COVERED) + ". Build such clients from the injected "
				+ "RestClient.Builder, RestTemplateBuilder or WebClient.Builder";
	}

	public void logSummary() {
		logger.info(summary());
	}

	/**
	 * @param name the bean name
	 * @param type {@code RestTemplate}, {@code RestClient}, {@code WebClient} or the
	 * builder / connector type
	 * @param status what the starter found or did
	 * @param detail why, naming the factory or connector
	 */
	public record ClientBean(String name, String type, Status status, String detail) {

		String describe() {
			return this.type + " bean '" + this.name + "'";
		}

	}

	public enum Status {

		/** Already on the starter's hardened factory or connector. */
		HARDENED,

		/**
		 * Was on Spring's default factory or connector (or was an application builder):
		 * the starter hardened it.
		 */
		ADOPTED,

		/**
		 * Runs on a factory or connector of its own, which the starter cannot check: a
		 * violation.
		 */
		NOT_COVERED;

		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
