package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;

/**
 * A real Redis server (Debian's {@code redis-server}, built with TLS) on loopback, on a
 * free port, with its files in a temporary directory that {@link #close()} deletes. On
 * TLS it presents a certificate the test generated and listens on no plaintext port;
 * {@link #plaintext()} is the server a user forgot to put on TLS.
 */
public final class TlsRedis implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(20);

	private final Process process;

	private final Path directory;

	private final int port;

	private TlsRedis(Process process, Path directory, int port) {
		this.process = process;
		this.directory = directory;
		this.port = port;
	}

	/** Whether {@code redis-server} can be found (for {@code @EnabledIf}). */
	public static boolean isInstalled() {
		return executable().isPresent();
	}

	/** A TLS server presenting {@code identity}, not asking clients for a certificate. */
	public static TlsRedis presenting(Issued identity) {
		return presenting(identity, null);
	}

	/**
	 * A TLS server presenting {@code identity}.
	 * @param clientCa when not {@code null}, clients must present a certificate this CA
	 * issued
	 * @param options more {@code redis-server} options ({@code --tls-protocols TLSv1.1},
	 * ...)
	 */
	public static TlsRedis presenting(Issued identity, Authority clientCa, String... options) {
		return start((directory, port) -> {
			identity.writePem(directory, "server");
			// redis-server wants a CA file even when it asks for no client certificate.
			Path ca = (clientCa != null) ? clientCa.writePem(directory, "client-ca") : TestCertificates
				.writePem(directory.resolve("client-ca.crt"), identity.chain().get(identity.chain().size() - 1));
			List<String> arguments = new ArrayList<>(List.of("--port", "0", "--tls-port", String.valueOf(port),
					"--tls-cert-file", directory.resolve("server.crt").toString(), "--tls-key-file",
					directory.resolve("server.key").toString(), "--tls-ca-cert-file", ca.toString(),
					"--tls-auth-clients", (clientCa != null) ? "yes" : "no"));
			arguments.addAll(List.of(options));
			return arguments;
		});
	}

	/** A server without TLS. */
	public static TlsRedis plaintext() {
		return start((directory, port) -> List.of("--port", String.valueOf(port)));
	}

	public int port() {
		return this.port;
	}

	private static TlsRedis start(Arguments arguments) {
		Path directory = null;
		try {
			directory = Files.createTempDirectory("secure-comms-redis");
			int port = ServerProcesses.freePort();
			List<String> command = new ArrayList<>(List.of(
					executable().map(Path::toString)
						.orElseThrow(() -> new IllegalStateException(
								"redis-server is not installed (Debian package " + "redis-server)")),
					"--bind", "127.0.0.1", "--protected-mode", "no", "--save", "", "--appendonly", "no", "--dir",
					directory.toString()));
			command.addAll(arguments.of(directory, port));
			Path log = directory.resolve("redis.log");
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			TlsRedis server = new TlsRedis(process, directory, port);
			server.awaitReady(log);
			return server;
		}
		catch (IOException | RuntimeException ex) {
			if (directory != null) {
				ServerProcesses.delete(directory);
			}
			throw new IllegalStateException("Cannot start redis-server: " + ex.getMessage(), ex);
		}
	}

	/** redis-server writes this line once it listens. */
	private void awaitReady(Path log) throws IOException {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.readString(log).contains("Ready to accept connections")) {
				return;
			}
			if (!this.process.isAlive()) {
				String text = Files.readString(log);
				close();
				throw new IllegalStateException("redis-server exited with " + this.process.exitValue() + ": " + text);
			}
			ServerProcesses.sleep(20);
		}
		String text = Files.readString(log);
		close();
		throw new IllegalStateException("redis-server not ready within " + STARTUP + ": " + text);
	}

	@Override
	public void close() {
		ServerProcesses.stop(this.process, this.directory);
	}

	private static Optional<Path> executable() {
		return ServerProcesses.executable("redis-server", List.of("/usr/bin", "/usr/local/bin"));
	}

	private interface Arguments {

		List<String> of(Path directory, int port) throws IOException;

	}

}
