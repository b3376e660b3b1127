package io.securecomms.test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The command line {@link TlsRedisContainer} gives Redis, run on the host with the same
 * certificate files where Debian's {@code redis-server} is installed (skipped elsewhere),
 * so that the TLS set-up is proven without Docker: TLS only, the test PKI's certificate
 * for localhost, a client certificate optional.
 */
class TlsRedisContainerCommandTests {

	private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

	@TempDir
	static Path directory;

	static Process redis;

	static int port;

	@BeforeAll
	static void start() throws Exception {
		assumeTrue(Files.isExecutable(REDIS_SERVER), "redis-server is not installed");
		TestPki pki = TestPki.get();
		Files.writeString(directory.resolve("server.crt"), pki.server().chainPem());
		Files.writeString(directory.resolve("server.key"), pki.server().privateKeyPem());
		Files.writeString(directory.resolve("ca.crt"), pki.ca().certificatePem());
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		List<String> command = new ArrayList<>(TlsRedisContainer.command(directory + "/", port));
		command.set(0, REDIS_SERVER.toString());
		command.addAll(List.of("--dir", directory.toString()));
		redis = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(directory.resolve("redis.log").toFile())
			.start();
		awaitListening();
	}

	@AfterAll
	static void stop() throws Exception {
		if (redis != null) {
			redis.destroy();
			redis.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void answersOverTlsWithTheTestPkiCertificateForLocalhost() throws Exception {
		assertThat(ping(TestPki.get().trustingSslContext())).isEqualTo("+PONG");
	}

	@Test
	void acceptsTheTestClientCertificate() throws Exception {
		assertThat(ping(TestPki.get().clientSslContext())).isEqualTo("+PONG");
	}

	@Test
	void aClientWithoutTheTestCaIsRefused() throws Exception {
		SSLContext cacertsOnly = SSLContext.getInstance("TLS");
		cacertsOnly.init(null, null, null);

		assertThatExceptionOfType(SSLHandshakeException.class).isThrownBy(() -> ping(cacertsOnly));
	}

	@Test
	void plaintextGetsNoAnswer() throws Exception {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(5000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			String answer;
			try {
				answer = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
					.readLine();
			}
			catch (IOException ex) {
				answer = null;
			}
			assertThat(answer).isNotEqualTo("+PONG");
		}
	}

	private static String ping(SSLContext context) throws IOException {
		try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
			SSLParameters parameters = socket.getSSLParameters();
			parameters.setEndpointIdentificationAlgorithm("HTTPS");
			socket.setSSLParameters(parameters);
			socket.setSoTimeout(5000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			socket.getOutputStream().flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
	}

	private static void awaitListening() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			assertThat(redis.isAlive()).as(() -> log()).isTrue();
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
