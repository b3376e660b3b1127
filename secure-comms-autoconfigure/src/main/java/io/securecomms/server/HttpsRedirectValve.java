package io.securecomms.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Answers every request that arrives on the plaintext redirect connector with
 * {@code 308 Permanent Redirect} to the same path and query on the HTTPS connector, and
 * never passes it on: no application code runs for a plaintext request. The host comes
 * from {@link RedirectHosts}, never straight from the request's {@code Host} header (an
 * open redirect); the path and query are percent-encoded outside URI characters, so no
 * header can be injected through them.
 */
final class HttpsRedirectValve extends ValveBase {

	static final int PERMANENT_REDIRECT = 308;

	static final int BAD_REQUEST = 400;

	private static final String URI_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
			+ "-._~!$&'()*+,;=:@/?%";

	private final Connector plaintextConnector;

	private final RedirectHosts hosts;

	HttpsRedirectValve(Connector plaintextConnector, RedirectHosts hosts) {
		super(true);
		this.plaintextConnector = plaintextConnector;
		this.hosts = hosts;
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
		String host = this.hosts.target(request.getServerName());
		if (host == null) {
			// Neither a name the server is configured for nor a canonical host: nowhere
			// safe to send the caller.
			response.setStatus(BAD_REQUEST);
		}
		else {
			response.setStatus(PERMANENT_REDIRECT);
			response.setHeader("Location",
					httpsLocation(host, httpsPort(request), request.getRequestURI(), request.getQueryString()));
		}
		response.setContentLength(0);
	}

	static String httpsLocation(String host, int port, String path, String query) {
		StringBuilder location = new StringBuilder("https://");
		location.append((host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host);
		if (port != 443) {
			location.append(':').append(port);
		}
		location.append((path != null && path.startsWith("/")) ? uriSafe(path) : "/");
		if (query != null) {
			location.append('?').append(uriSafe(query));
		}
		return location.toString();
	}

	/**
	 * Percent-encodes every character that has no business in a URI: controls, spaces,
	 * quotes, non-ASCII.
	 */
	static String uriSafe(String text) {
		StringBuilder safe = new StringBuilder(text.length());
		for (byte octet : text.getBytes(StandardCharsets.UTF_8)) {
			char c = (char) (octet & 0xff);
			if (c < 0x80 && URI_CHARACTERS.indexOf(c) >= 0) {
				safe.append(c);
			}
			else {
				safe.append('%').append(String.format("%02X", octet & 0xff));
			}
		}
		return safe.toString();
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
