package io.securecomms.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small application that speaks only TLS: the secure-comms starter hardens its web
 * server and its management port, and a development PKI generated on first start gives it
 * certificates.
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
