package io.securecomms.server.jetty;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * Puts {@code Strict-Transport-Security} on every response of a TLS connector. A request
 * customizer runs before any handler, so the application's responses, error pages and
 * Jetty's own 404s all carry it (Jetty's {@code SecureRequestCustomizer} has no
 * {@code preload}); the server's error handler, which answers requests Jetty refuses
 * before any customizer runs (a malformed URI), adds it too ({@link #coverErrors}).
 */
final class HstsCustomizer implements HttpConfiguration.Customizer {

	private final PreEncodedHttpField header;

	HstsCustomizer(String headerValue) {
		this.header = new PreEncodedHttpField(HttpHeader.STRICT_TRANSPORT_SECURITY, headerValue);
	}

	@Override
	public Request customize(Request request, HttpFields.Mutable responseHeaders) {
		responseHeaders.add(this.header);
		return request;
	}

	/**
	 * Wraps the server's error handler so that the responses Jetty writes on its own
	 * carry the header too.
	 */
	void coverErrors(Server server) {
		Request.Handler errors = (server.getErrorHandler() != null) ? server.getErrorHandler() : new ErrorHandler();
		server.setErrorHandler((Request.Handler) (request, response, callback) -> {
			// A refused request's secure flag is not set yet: its connector says whether
			// it came over TLS.
			if (request.getConnectionMetaData()
				.getConnector()
				.getConnectionFactory(SslConnectionFactory.class) != null) {
				response.getHeaders().put(this.header);
			}
			return errors.handle(request, response, callback);
		});
	}

}
