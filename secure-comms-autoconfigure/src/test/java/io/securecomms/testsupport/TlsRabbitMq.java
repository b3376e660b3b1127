package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.securecomms.test.TestCertificates.Issued;

/**
 * Debian's {@code rabbitmq-server} (apt-get install rabbitmq-server) as a child process
 * on loopback with one TLS listener (and no plaintext one), presenting the certificate a
 * test gives it; its node, data and Erlang cookie live in a directory of the test's own.
 */
public final class TlsRabbitMq implements AutoCloseable {

	private static final Path SERVER = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");

	private final Process process;

	private final int port;

	private final int epmdPort;

	private TlsRabbitMq(Process process, int port, int epmdPort) {
		this.process = process;
		this.port = port;
		this.epmdPort = epmdPort;
	}

	/**
	 * @param directory a directory of the test's own (certificates, configuration, node
	 * data)
	 */
	public static TlsRabbitMq presenting(Issued identity, Path directory) {
		if (!Files.isExecutable(SERVER)) {
			throw new IllegalStateException("rabbitmq-server must be installed (apt-get install rabbitmq-server)");
		}
		try {
			Path home = Files.createDirectories(directory.resolve("rabbitmq"));
			identity.writePem(home, "broker");
			int port = freePort();
			Path config = home.resolve("rabbitmq.conf");
			Files.writeString(config,
					String.join("\n", "listeners.tcp = none", "listeners.ssl.default = 127.0.0.1:" + port,
							"ssl_options.cacertfile = " + home.resolve("broker.crt"),
							"ssl_options.certfile = " + home.resolve("broker.crt"),
							"ssl_options.keyfile = " + home.resolve("broker.key"), "ssl_options.verify = verify_none",
							"ssl_options.fail_if_no_peer_cert = false", ""));
			Files.writeString(home.resolve("enabled_plugins"), "[].\n");
			ProcessBuilder builder = new ProcessBuilder(SERVER.toString()).redirectErrorStream(true);
			Map<String, String> environment = builder.environment();
			environment.put("HOME", home.toString());
			environment.put("RABBITMQ_CONFIG_FILE", config.toString());
			environment.put("RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString());
			environment.put("RABBITMQ_LOG_BASE", home.resolve("log").toString());
			environment.put("RABBITMQ_LOGS", "-");
			environment.put("RABBITMQ_PID_FILE", home.resolve("pid").toString());
			environment.put("RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString());
			environment.put("RABBITMQ_NODENAME", "securecomms" + ProcessHandle.current().pid() + port + "@localhost");
			environment.put("RABBITMQ_DIST_PORT", Integer.toString(freePort()));
			// Erlang starts a port mapper daemon that outlives the broker: a private one,
			// stopped in close().
			int epmdPort = freePort();
			environment.put("ERL_EPMD_PORT", Integer.toString(epmdPort));
			Process process = builder.start();
			TlsRabbitMq broker = new TlsRabbitMq(process, port, epmdPort);
			broker.awaitStarted();
			return broker;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start rabbitmq-server", ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * Waits for the broker's own "startup complete" line; its output is drained
	 * afterwards.
	 */
	private void awaitStarted() {
		CountDownLatch started = new CountDownLatch(1);
		StringBuilder output = new StringBuilder();
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (started.getCount() > 0) {
						output.append(line).append('\n');
					}
					if (line.contains("Server startup complete")) {
						started.countDown();
					}
				}
			}
			catch (IOException ex) {
				// The broker stopped.
			}
		}, "rabbitmq-server output");
		reader.setDaemon(true);
		reader.start();
		try {
			if (!started.await(60, TimeUnit.SECONDS)) {
				close();
				throw new IllegalStateException("rabbitmq-server did not start within a minute:\n" + output);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			close();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		// The script runs the Erlang VM as a child of its own: stop that first.
		this.process.descendants().forEach(ProcessHandle::destroy);
		this.process.destroy();
		try {
			this.process.waitFor(20, TimeUnit.SECONDS);
			new ProcessBuilder("epmd", "-port", Integer.toString(this.epmdPort), "-kill").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor(10, TimeUnit.SECONDS);
		}
		catch (IOException ex) {
			// No epmd on the PATH: nothing was left running by this broker either way.
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
