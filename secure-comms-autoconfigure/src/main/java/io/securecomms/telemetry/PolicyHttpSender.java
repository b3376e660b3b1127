package io.securecomms.telemetry;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLContext;

import io.micrometer.core.ipc.http.HttpSender;

/**
 * Micrometer's {@link HttpSender} on the JDK {@link HttpClient} with the policy's SSL
 * context: its engines carry the policy and report every handshake (Micrometer's own
 * {@code HttpUrlConnectionSender} takes no SSL context).
 */
public final class PolicyHttpSender implements HttpSender {

	/** Headers the JDK client sets itself and refuses from callers. */
	private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade");

	private final HttpClient client;

	private final Duration readTimeout;

	public PolicyHttpSender(SSLContext context, Duration connectTimeout, Duration readTimeout) {
		this.client = HttpClient.newBuilder()
			.sslContext(context)
			.connectTimeout(connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		this.readTimeout = readTimeout;
	}

	@Override
	public Response send(Request request) throws Throwable {
		HttpRequest.Builder builder = HttpRequest.newBuilder(request.getUrl().toURI()).timeout(this.readTimeout);
		request.getRequestHeaders().forEach((name, value) -> {
			if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
				builder.header(name, value);
			}
		});
		byte[] entity = request.getEntity();
		builder.method(request.getMethod().name(), (entity != null && entity.length > 0)
				? HttpRequest.BodyPublishers.ofByteArray(entity) : HttpRequest.BodyPublishers.noBody());
		HttpResponse<String> response = this.client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
		String body = response.body();
		return new Response(response.statusCode(), (body == null || body.isEmpty()) ? Response.NO_RESPONSE_BODY : body);
	}

}
