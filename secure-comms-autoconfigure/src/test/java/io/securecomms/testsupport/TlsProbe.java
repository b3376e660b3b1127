package io.securecomms.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Sends one HTTP/1.1 request over one TLS connection and tells how it ended, verifying
 * the server's host name like any HTTPS client.
 */
public final class TlsProbe {

	private TlsProbe() {
	}

	public static Outcome request(SSLContext context, int port, String path) {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
			socket.setSoTimeout(10_000);
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.startHandshake();
			OutputStream out = socket.getOutputStream();
			out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
			if (response.isEmpty()) {
				return new Outcome(null, new IOException("connection closed without a response"));
			}
			return new Outcome(response.lines().findFirst().orElse(""), null);
		}
		catch (IOException ex) {
			return new Outcome(null, ex);
		}
	}

	/**
	 * @param statusLine the HTTP status line, if a response came
	 * @param failure why no response came
	 */
	public record Outcome(String statusLine, Exception failure) {

		public boolean refused() {
			return this.statusLine == null;
		}

	}

}
