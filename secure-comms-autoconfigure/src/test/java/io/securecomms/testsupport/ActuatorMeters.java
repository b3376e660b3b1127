package io.securecomms.testsupport;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a meter the way a user does: {@code GET /actuator/metrics/<name>?tag=k:v} over
 * HTTPS.
 */
public final class ActuatorMeters {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpsClient client;

	private final String baseUrl;

	public ActuatorMeters(HttpsClient client, String baseUrl) {
		this.client = client;
		this.baseUrl = baseUrl;
	}

	/** The meter's COUNT measurement for these tags, 0 when no such meter exists yet. */
	public double count(String meter, Map<String, String> tags) throws Exception {
		String query = tags.entrySet()
			.stream()
			.map((tag) -> "tag=" + tag.getKey() + ":" + tag.getValue())
			.collect(Collectors.joining("&"));
		HttpResponse<String> response = this.client.get(this.baseUrl + "/actuator/metrics/" + meter + "?" + query);
		if (response.statusCode() == 404) {
			return 0;
		}
		if (response.statusCode() != 200) {
			throw new IllegalStateException(
					"metrics endpoint answered " + response.statusCode() + ": " + response.body());
		}
		for (JsonNode measurement : json.readTree(response.body()).get("measurements")) {
			if ("COUNT".equals(measurement.get("statistic").asString())) {
				return measurement.get("value").asDouble();
			}
		}
		throw new IllegalStateException("No COUNT in " + response.body());
	}

	/**
	 * Waits until the meter shows {@code expected}. A server records a handshake on its
	 * own thread, often after the client has already given up, so a meter the other side
	 * of a connection writes is never read at once.
	 */
	public void awaitCount(String meter, Map<String, String> tags, double expected) {
		Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(count(meter, tags)).as(meter + " " + tags).isEqualTo(expected));
	}

}
