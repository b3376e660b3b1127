package io.securecomms.testsupport;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code openssl s_server} on loopback: a non-Java peer that answers a refused handshake
 * with the TLS alert the protocol asks for (protocol_version, handshake_failure,
 * certificate_required), as most servers do.
 */
public final class OpenSslServer implements AutoCloseable {

	private final Process process;

	private final int port;

	private OpenSslServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * @param certificate PEM chain
	 * @param key PEM key
	 * @param options s_server options such as {@code -tls1_1 -cipher ALL:@SECLEVEL=0}
	 */
	public static OpenSslServer start(Path certificate, Path key, String... options) {
		int port = freePort();
		List<String> command = new ArrayList<>(List.of("openssl", "s_server", "-accept", "127.0.0.1:" + port, "-cert",
				certificate.toString(), "-key", key.toString(), "-www", "-quiet"));
		command.addAll(List.of(options));
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			awaitListening(process, port);
			return new OpenSslServer(process, port);
		}
		catch (IOException ex) {
			throw new IllegalStateException("openssl must be installed (apt-get install openssl)", ex);
		}
	}

	public int port() {
		return this.port;
	}

	public String url(String path) {
		return "https://localhost:" + this.port + path;
	}

	@Override
	public void close() {
		this.process.destroy();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void awaitListening(Process process, int port) {
		long deadline = System.nanoTime() + 10_000_000_000L;
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException("openssl s_server exited with " + process.exitValue());
			}
			try (Socket ignored = new Socket("127.0.0.1", port)) {
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(interrupted);
				}
			}
		}
		process.destroyForcibly();
		throw new IllegalStateException("openssl s_server did not listen on " + port);
	}

}
