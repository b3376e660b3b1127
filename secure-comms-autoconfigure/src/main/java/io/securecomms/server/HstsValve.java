package io.securecomms.server;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Adds {@code Strict-Transport-Security} to every HTTPS response, before any filter or
 * servlet runs, so error pages, 404s and Spring Security's own responses carry it too.
 * Spring Security's HSTS writer only writes when the header is absent, so the header is
 * never sent twice.
 */
final class HstsValve extends ValveBase {

	static final String HEADER = "Strict-Transport-Security";

	private final String value;

	HstsValve(String value) {
		super(true);
		this.value = value;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		if (request.isSecure()) {
			response.setHeader(HEADER, this.value);
		}
		getNext().invoke(request, response);
	}

}
