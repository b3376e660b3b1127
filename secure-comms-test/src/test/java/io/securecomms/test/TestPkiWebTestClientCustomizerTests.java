package io.securecomms.test;

import org.junit.jupiter.api.Test;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The customizer leaves alone a {@link WebTestClient} that has no running server to call
 * (bound to a mock server or to MockMvc): replacing its connector would send the test's
 * requests to the network. With a running server it is proven by the WebFlux sample in
 * {@code secure-comms-test-samples}.
 */
class TestPkiWebTestClientCustomizerTests {

	@Test
	void aClientWithoutARunningServerKeepsItsConnector() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.refresh();
			WebTestClient.Builder builder = mock(WebTestClient.Builder.class);

			new TestPkiWebTestClientCustomizer(context).customize(builder);

			verify(builder, never()).clientConnector(any());
		}
	}

}
