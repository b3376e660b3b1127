package io.securecomms.test.cachefixture;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.test.SecureCommsMeters;
import io.securecomms.test.TlsRedisContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.images.builder.Transferable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link TlsRedisContainerTests} without Docker: the container's own files, command line and properties, with
 * Debian's {@code redis-server} on the host standing in for the container (skipped where it is not installed).
 * Proves that what {@link TlsRedisContainer#addTo} registers gets the application's Lettuce client through the
 * starter's checks and onto TLS against a Redis configured exactly as the container's.
 */
@SpringBootTest
class TlsRedisOnHostTests {

	private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

	static Path directory;

	static Process process;

	static int port;

	/** The files the container copies in, by their path in the container. */
	static final Map<String, byte[]> files = new LinkedHashMap<>();

	/**
	 * The container as configured, keeping a copy of its files, and asked for its host and port: those of the
	 * Redis on the host.
	 */
	static TlsRedisContainer redis = new TlsRedisContainer("redis:7-alpine") {

		@Override
		public TlsRedisContainer withCopyToContainer(Transferable transferable, String containerPath) {
			files.put(containerPath, transferable.getBytes());
			return super.withCopyToContainer(transferable, containerPath);
		}

		@Override
		public String getHost() {
			return "localhost";
		}

		@Override
		public Integer getMappedPort(int originalPort) {
			assertThat(originalPort).isEqualTo(TLS_PORT);
			return port;
		}

	};

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) throws Exception {
		assumeTrue(Files.isExecutable(REDIS_SERVER), "redis-server is not installed");
		start();
		redis.addTo(registry);
	}

	@AfterAll
	static void stop() throws Exception {
		if (process != null) {
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Autowired
	StringRedisTemplate template;

	@Autowired
	LettuceConnectionFactory connectionFactory;

	@Autowired
	MeterRegistry meters;

	@Test
	void commandsRunOverTls() {
		this.template.opsForValue().set("greeting", "hello");

		// The server has no plaintext port: that the command ran at all means it ran over TLS.
		assertThat(this.template.opsForValue().get("greeting")).isEqualTo("hello");
		assertThat(this.connectionFactory.isUseSsl()).isTrue();
		assertThat(this.meters.find("secure.comms.tls.handshakes").tag("channel", "redis").timers()).isNotEmpty();
		// Nothing refused. The test PKI's certificates name no OCSP responder or CRL: under soft-fail revocation
		// (the default) their status is unknown, accepted, and counted with that reason.
		assertThat(SecureCommsMeters.of(this.meters).handshakeFailures().channel("redis").countBy("reason").keySet())
			.isSubsetOf("revocation_unknown");
	}

	/** The container's files written where its command line expects them, rebased on a temporary directory. */
	private static void start() throws Exception {
		directory = Files.createTempDirectory("tls-redis");
		assertThat(files).containsOnlyKeys("/tls/server.crt", "/tls/server.key", "/tls/ca.crt");
		for (Map.Entry<String, byte[]> file : files.entrySet()) {
			Files.write(directory.resolve(Path.of(file.getKey()).getFileName().toString()), file.getValue());
		}
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		List<String> command = new ArrayList<>();
		for (String part : redis.getCommandParts()) {
			command.add(part.replace("/tls/", directory + "/")
				.replace(String.valueOf(TlsRedisContainer.TLS_PORT), String.valueOf(port)));
		}
		assertThat(command).startsWith("redis-server").contains("--port", "0");
		command.set(0, REDIS_SERVER.toString());
		command.addAll(List.of("--dir", directory.toString()));
		process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve("redis.log").toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			assertThat(process.isAlive()).as(() -> log()).isTrue();
			try (Socket socket = new Socket("localhost", port)) {
				return;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		throw new IllegalStateException("redis-server did not listen on " + port + ": " + log());
	}

	private static String log() {
		try {
			return Files.readString(directory.resolve("redis.log"));
		}
		catch (IOException ex) {
			return ex.toString();
		}
	}

}
