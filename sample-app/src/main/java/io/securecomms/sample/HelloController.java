package io.securecomms.sample;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Says hello, and which TLS protocol and cipher suite carried the request.
 */
@RestController
class HelloController {

	/** Set by every servlet container on a request that arrived over TLS. */
	static final String CIPHER_SUITE_ATTRIBUTE = "jakarta.servlet.request.cipher_suite";

	/** Tomcat's {@code SSLSupport.PROTOCOL_VERSION_KEY}. */
	static final String PROTOCOL_ATTRIBUTE = "org.apache.tomcat.util.net.secure_protocol_version";

	@GetMapping("/api/hello")
	Hello hello(HttpServletRequest request) {
		return new Hello("hello over TLS", (String) request.getAttribute(PROTOCOL_ATTRIBUTE),
				(String) request.getAttribute(CIPHER_SUITE_ATTRIBUTE));
	}

	record Hello(String message, String protocol, String cipherSuite) {
	}

}
