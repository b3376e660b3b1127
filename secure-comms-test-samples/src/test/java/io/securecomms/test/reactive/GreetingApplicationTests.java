package io.securecomms.test.reactive;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The user's WebFlux test, unchanged: before {@code secure-comms-test} was added it
 * failed at startup ({@code server.ssl.bundle = '(not set)'}). The
 * {@code web-application-type} property is there only because this module's test class
 * path also holds Spring MVC (a WebFlux application alone is reactive by default).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.main.web-application-type=reactive")
@AutoConfigureWebTestClient
class GreetingApplicationTests {

	@Autowired
	WebTestClient client;

	@Test
	void greets() {
		this.client.get().uri("/greeting").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("hello");
	}

}
