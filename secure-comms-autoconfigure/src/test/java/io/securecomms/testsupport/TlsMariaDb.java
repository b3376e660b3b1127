package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.securecomms.test.TestCertificates.Issued;

/**
 * A real MariaDB server (Debian's {@code mariadb-server}: {@code mariadbd} and
 * {@code mariadb-install-db}) on loopback, on a free port, with its own data directory in
 * a temporary directory that {@link #close()} deletes. It presents a certificate the test
 * generated, accepts TLSv1.2 and TLSv1.3 only and refuses plaintext over TCP
 * ({@code require_secure_transport}). User {@link #USER} (password {@link #PASSWORD}) may
 * log in from anywhere. Runs as the current user (root in CI), hence {@code --user=root}.
 */
public final class TlsMariaDb implements AutoCloseable {

	public static final String USER = "app";

	public static final String PASSWORD = "app-password";

	private static final Duration STARTUP = Duration.ofSeconds(30);

	private static final List<String> SEARCH_PATH = List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin",
			"/usr/local/bin");

	private final Process process;

	private final Path directory;

	private final int port;

	private TlsMariaDb(Process process, Path directory, int port) {
		this.process = process;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Whether {@code mariadbd} and {@code mariadb-install-db} can be found (for
	 * {@code @EnabledIf}).
	 */
	public static boolean isInstalled() {
		return executable("mariadbd").isPresent() && executable("mariadb-install-db").isPresent();
	}

	/**
	 * A server presenting {@code identity}: its chain and key, written next to its data
	 * directory.
	 */
	public static TlsMariaDb presenting(Issued identity) {
		Path directory = null;
		try {
			directory = Files.createTempDirectory("secure-comms-mariadb");
			Path data = directory.resolve("data");
			identity.writePem(directory, "server");
			Path key = directory.resolve("server.key");
			Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
			Path init = Files.writeString(directory.resolve("init.sql"),
					String.join("\n", "CREATE USER '" + USER + "'@'%' IDENTIFIED BY '" + PASSWORD + "';",
							"GRANT ALL ON *.* TO '" + USER + "'@'%';", ""));
			run(directory.resolve("install.log"), command("mariadb-install-db"), "--no-defaults", "--user=root",
					"--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db");
			int port = ServerProcesses.freePort();
			Path log = directory.resolve("mariadbd.log");
			Process process = new ProcessBuilder(command("mariadbd"), "--no-defaults", "--user=root",
					"--datadir=" + data, "--port=" + port, "--bind-address=127.0.0.1",
					"--socket=" + directory.resolve("mariadbd.sock"), "--pid-file=" + directory.resolve("mariadbd.pid"),
					"--log-error=" + log, "--skip-name-resolve", "--skip-log-bin", "--innodb-buffer-pool-size=16M",
					"--ssl-cert=" + directory.resolve("server.crt"), "--ssl-key=" + key,
					"--require-secure-transport=ON", "--tls-version=TLSv1.2,TLSv1.3", "--init-file=" + init)
				.redirectErrorStream(true)
				.redirectOutput(directory.resolve("mariadbd.out").toFile())
				.start();
			TlsMariaDb server = new TlsMariaDb(process, directory, port);
			server.awaitReady(log);
			return server;
		}
		catch (IOException | RuntimeException ex) {
			if (directory != null) {
				ServerProcesses.delete(directory);
			}
			throw new IllegalStateException("Cannot start MariaDB: " + ex.getMessage(), ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * A MariaDB Connector/J URL for database {@code mysql} on {@code host}, with nothing
	 * about TLS in it.
	 */
	public String url(String host) {
		return url("jdbc:mariadb:", host);
	}

	/**
	 * The same with another scheme ({@code jdbc:mysql:}: MySQL Connector/J speaks to
	 * MariaDB too).
	 */
	public String url(String scheme, String host) {
		return scheme + "//" + host + ":" + this.port + "/mysql";
	}

	/** mariadbd writes this line after it ran the init file and opened its port. */
	private void awaitReady(Path log) throws IOException {
		long deadline = System.nanoTime() + STARTUP.toNanos();
		while (System.nanoTime() < deadline) {
			if (Files.exists(log) && Files.readString(log).contains("ready for connections")) {
				return;
			}
			if (!this.process.isAlive()) {
				close();
				throw new IllegalStateException("mariadbd exited with " + this.process.exitValue() + ": "
						+ (Files.exists(log) ? Files.readString(log) : "(no log)"));
			}
			ServerProcesses.sleep(50);
		}
		String text = Files.exists(log) ? Files.readString(log) : "(no log)";
		close();
		throw new IllegalStateException("mariadbd not ready within " + STARTUP + ": " + text);
	}

	@Override
	public void close() {
		ServerProcesses.stop(this.process, this.directory);
	}

	private static void run(Path log, String... command) throws IOException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		try {
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command[0] + " did not finish: " + Files.readString(log));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		if (process.exitValue() != 0) {
			throw new IllegalStateException(
					command[0] + " exited with " + process.exitValue() + ": " + Files.readString(log));
		}
	}

	private static String command(String name) {
		return executable(name).map(Path::toString)
			.orElseThrow(() -> new IllegalStateException(name + " is not installed (Debian package mariadb-server)"));
	}

	private static Optional<Path> executable(String name) {
		return ServerProcesses.executable(name, SEARCH_PATH);
	}

}
