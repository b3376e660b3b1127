package io.securecomms.compat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A user application: nothing but the starter, an SSL bundle and one endpoint.
 */
@SpringBootApplication
@RestController
public class CompatApplication {

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	public static void main(String[] args) {
		SpringApplication.run(CompatApplication.class, args);
	}

}
