package io.securecomms.sample;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Calls the partner backend (mutual TLS) through RestClient and WebClient, and the
 * impostor, whose certificate the starter refuses.
 */
@RestController
class PartnerController {

	private final RestClient restClient;

	private final WebClient webClient;

	private final DevelopmentBackends backends;

	PartnerController(RestClient.Builder restClient, WebClient.Builder webClient, DevelopmentBackends backends) {
		this.restClient = restClient.build();
		this.webClient = webClient.build();
		this.backends = backends;
	}

	@GetMapping("/api/partner")
	Map<String, String> partner() {
		String url = this.backends.partnerUrl() + "/status";
		return Map.of("restClient", this.restClient.get().uri(url).retrieve().body(String.class), "webClient",
				this.webClient.get().uri(url).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10)));
	}

	@GetMapping("/api/impostor")
	ResponseEntity<Map<String, String>> impostor() {
		try {
			return ResponseEntity.ok(Map.of("body",
					this.restClient.get().uri(this.backends.impostorUrl() + "/").retrieve().body(String.class)));
		}
		catch (RestClientException ex) {
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Map.of("refused", ex.getMessage()));
		}
	}

}
