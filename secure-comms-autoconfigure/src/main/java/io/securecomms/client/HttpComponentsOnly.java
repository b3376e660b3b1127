package io.securecomms.client;

import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Only Apache HttpClient 5 carries the TLS policy: a builder for any other client library
 * is replaced.
 */
final class HttpComponentsOnly {

	private static final Log logger = LogFactory.getLog(HttpComponentsOnly.class);

	private HttpComponentsOnly() {
	}

	static <B> B of(Object builder, Class<B> httpComponentsType, Supplier<B> create, String clients) {
		if (httpComponentsType.isInstance(builder)) {
			return httpComponentsType.cast(builder);
		}
		logger.info("secure-comms runs " + clients + " on Apache HttpClient 5 instead of "
				+ builder.getClass().getSimpleName() + ": only HttpClient 5 carries the TLS policy");
		return create.get();
	}

}
