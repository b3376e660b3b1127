package io.securecomms.test.cachefixture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.securecomms.test.TlsRedisContainer;
import org.testcontainers.images.builder.Transferable;

/**
 * A {@link TlsRedisContainer} run without Docker: its own files and command line, given
 * to Debian's {@code redis-server} on the host (the tests using it are skipped where that
 * is not installed). Everything Docker would answer (image, host, mapped port, start,
 * stop) is answered by the host's process instead.
 */
final class TlsRedisOnHost extends TlsRedisContainer {

	private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

	/** The files the container copies in, by their path in the container. */
	private Map<String, byte[]> files;

	private Process process;

	private Path directory;

	private int port;

	TlsRedisOnHost() {
		super("redis:7-alpine");
	}

	/** For {@code @EnabledIf}. */
	static boolean installed() {
		return Files.isExecutable(REDIS_SERVER);
	}

	@Override
	public TlsRedisContainer withCopyToContainer(Transferable transferable, String containerPath) {
		if (this.files == null) {
			this.files = new LinkedHashMap<>(); // called from the superclass's
												// constructor, before field initializers
		}
		this.files.put(containerPath, transferable.getBytes());
		return super.withCopyToContainer(transferable, containerPath);
	}

	@Override
	public String getDockerImageName() {
		return "redis:7-alpine";
	}

	@Override
	public String getHost() {
		return "localhost";
	}

	@Override
	public Integer getMappedPort(int originalPort) {
		if (originalPort != TLS_PORT) {
			throw new IllegalArgumentException("not exposed: " + originalPort);
		}
		return this.port;
	}

	@Override
	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public synchronized void start() {
		if (this.process != null) {
			return;
		}
		try {
			this.directory = Files.createTempDirectory("tls-redis");
			for (Map.Entry<String, byte[]> file : this.files.entrySet()) {
				Files.write(this.directory.resolve(Path.of(file.getKey()).getFileName().toString()), file.getValue());
			}
			try (ServerSocket free = new ServerSocket(0)) {
				this.port = free.getLocalPort();
			}
			List<String> command = new ArrayList<>();
			for (String part : getCommandParts()) {
				command.add(part.replace("/tls/", this.directory + "/")
					.replace(String.valueOf(TLS_PORT), String.valueOf(this.port)));
			}
			command.set(0, REDIS_SERVER.toString());
			command.addAll(List.of("--dir", this.directory.toString()));
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
			awaitListening();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public synchronized void stop() {
		if (this.process != null) {
			this.process.destroy();
			try {
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** The files and command line as the container has them, for the tests to check. */
	Map<String, byte[]> files() {
		return this.files;
	}

	private void awaitListening() {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("redis-server stopped: " + log());
			}
			try (Socket socket = new Socket("localhost", this.port)) {
				return;
			}
			catch (IOException ex) {
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					break;
				}
			}
		}
		throw new IllegalStateException("redis-server did not listen on " + this.port + ": " + log());
	}

	private String log() {
		try {
			return Files.readString(this.directory.resolve("redis.log"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

}
