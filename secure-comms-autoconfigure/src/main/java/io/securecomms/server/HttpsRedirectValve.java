package io.securecomms.server;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Answers every request that arrives on the plaintext redirect connector with {@code 308 Permanent Redirect}
 * to the same path and query on the HTTPS connector, and never passes it on: no application code runs for a
 * plaintext request.
 */
final class HttpsRedirectValve extends ValveBase {

	static final int PERMANENT_REDIRECT = 308;

	private final Connector plaintextConnector;

	HttpsRedirectValve(Connector plaintextConnector) {
		super(true);
		this.plaintextConnector = plaintextConnector;
	}

	boolean redirects(Connector connector) {
		return this.plaintextConnector == connector;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		if (request.getConnector() != this.plaintextConnector) {
			getNext().invoke(request, response);
			return;
		}
		response.setStatus(PERMANENT_REDIRECT);
		response.setHeader("Location", httpsLocation(request.getServerName(), httpsPort(request),
				request.getRequestURI(), request.getQueryString()));
		response.setContentLength(0);
	}

	static String httpsLocation(String host, int port, String path, String query) {
		StringBuilder location = new StringBuilder("https://");
		location.append((host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host);
		if (port != 443) {
			location.append(':').append(port);
		}
		location.append(path);
		if (query != null) {
			location.append('?').append(query);
		}
		return location.toString();
	}

	private static int httpsPort(Request request) {
		for (Connector connector : request.getConnector().getService().findConnectors()) {
			if (connector.getSecure() && connector.getLocalPort() > 0) {
				return connector.getLocalPort();
			}
		}
		return 443;
	}

}
