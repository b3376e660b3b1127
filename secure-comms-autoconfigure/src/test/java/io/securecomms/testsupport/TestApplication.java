package io.securecomms.testsupport;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the integration tests start: auto-configuration plus one resource that
 * counts its calls.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestApplication {

	@RestController
	public static class HelloController {

		public static final AtomicInteger calls = new AtomicInteger();

		@GetMapping("/hello")
		public String hello() {
			calls.incrementAndGet();
			return "hello";
		}

	}

}
