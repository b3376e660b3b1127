package io.securecomms.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code openssl s_client} against a local port: a non-Java peer whose offer is
 * exactly what the test asks for, at OpenSSL security level 0 so that it really sends TLS
 * 1.0/1.1, CBC or static-RSA offers.
 */
public final class OpenSslClient {

	private static final Pattern NEGOTIATED = Pattern.compile("(TLSv[0-9.]+|SSLv3), Cipher is (\\S+)");

	private OpenSslClient() {
	}

	/**
	 * @param port the local port
	 * @param options s_client options such as
	 * {@code -tls1_2 -cipher ECDHE-RSA-AES128-GCM-SHA256}
	 */
	public static Result connect(int port, String... options) {
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
		if (!List.of(options).contains("-servername")) {
			command.addAll(List.of("-servername", "localhost"));
		}
		command.addAll(List.of(options));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			process.getOutputStream().close();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("openssl s_client did not finish: " + command);
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			Matcher matcher = NEGOTIATED.matcher(output);
			boolean connected = process.exitValue() == 0 && matcher.find() && !"(NONE)".equals(matcher.group(2));
			return new Result(connected, connected ? matcher.group(1) : null, connected ? matcher.group(2) : null,
					output);
		}
		catch (IOException ex) {
			throw new IllegalStateException("openssl must be installed (apt-get install openssl)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * @param connected whether a handshake completed
	 * @param protocol the negotiated protocol
	 * @param cipher the negotiated cipher (OpenSSL name for TLS 1.2, IANA name for TLS
	 * 1.3)
	 * @param output everything s_client printed
	 */
	public record Result(boolean connected, String protocol, String cipher, String output) {

		/** The subject line s_client printed for the server's certificate. */
		public String serverSubject() {
			return this.output.lines().filter((line) -> line.startsWith("subject=")).findFirst().orElse("");
		}

	}

}
