package io.securecomms.test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A Redis container that listens with TLS only ({@code --port 0 --tls-port 6379}) on the
 * {@link TestPki} server certificate (for {@code localhost} and {@code 127.0.0.1}), and
 * accepts, without requiring, a client certificate from the test CA
 * ({@code --tls-auth-clients optional}).
 * <p>
 * Connect the application either way:
 * <ul>
 * <li>{@code @ServiceConnection(TlsRedisContainer.CONNECTION_NAME)}: Redis connection
 * details whose SSL bundle trusts the test CA and holds the test client certificate. The
 * name matters: under a plain {@code @ServiceConnection}, Boot's own factory takes the
 * {@code redis} image and gives details without an SSL bundle (it reads one only from
 * annotations with fixed content, which cannot hold a CA generated when the tests run): a
 * plaintext connection, which the starter stops at startup;</li>
 * <li>{@code @DynamicPropertySource} ({@link #addTo(DynamicPropertyRegistry)}):
 * {@code spring.data.redis.host} and {@code port},
 * {@code spring.data.redis.ssl.enabled=true} and the {@value TestPki#CLIENT_BUNDLE}
 * bundle.</li>
 * </ul>
 * <p>
 * As with {@link TlsPostgreSQLContainer}, the Docker host must be reached as
 * {@code localhost} or {@code 127.0.0.1}.
 */
public class TlsRedisContainer extends GenericContainer<TlsRedisContainer> {

	/**
	 * The {@code @ServiceConnection} name that gives TLS connection details for this
	 * container.
	 */
	public static final String CONNECTION_NAME = "tls-redis";

	/** The TLS port inside the container (the plaintext port is off). */
	public static final int TLS_PORT = 6379;

	private static final String DIRECTORY = "/tls/";

	public TlsRedisContainer(String image) {
		this(DockerImageName.parse(image));
	}

	public TlsRedisContainer(DockerImageName image) {
		super(image);
		TestPki pki = TestPki.get();
		// Readable by the redis user the image's entrypoint switches to; a throw-away key
		// of a throw-away CA.
		copy(pki.server().chainPem(), "server.crt");
		copy(pki.server().privateKeyPem(), "server.key");
		copy(pki.ca().certificatePem(), "ca.crt");
		withExposedPorts(TLS_PORT);
		withCommand(command(DIRECTORY, TLS_PORT).toArray(String[]::new));
	}

	/**
	 * The server's command line, with {@code server.crt}, {@code server.key} and
	 * {@code ca.crt} in {@code directory}: also run on the host by this module's tests,
	 * where Debian's {@code redis-server} exists.
	 */
	static List<String> command(String directory, int tlsPort) {
		return List.of("redis-server", "--port", "0", "--tls-port", String.valueOf(tlsPort), "--tls-cert-file",
				directory + "server.crt", "--tls-key-file", directory + "server.key", "--tls-ca-cert-file",
				directory + "ca.crt", "--tls-auth-clients", "optional", "--save", "", "--appendonly", "no");
	}

	private void copy(String pem, String name) {
		withCopyToContainer(Transferable.of(pem.getBytes(StandardCharsets.US_ASCII), 0644), DIRECTORY + name);
	}

	/**
	 * The host and mapped TLS port, TLS on, and the test client bundle, read when the
	 * application starts.
	 */
	public Map<String, Supplier<Object>> properties() {
		Map<String, Supplier<Object>> properties = new LinkedHashMap<>();
		properties.put("spring.data.redis.host", this::getHost);
		properties.put("spring.data.redis.port", () -> getMappedPort(TLS_PORT));
		properties.put("spring.data.redis.ssl.enabled", () -> "true");
		properties.put("spring.data.redis.ssl.bundle", () -> TestPki.CLIENT_BUNDLE);
		return properties;
	}

	/** Adds {@link #properties()} to a {@code @DynamicPropertySource} registry. */
	public void addTo(DynamicPropertyRegistry registry) {
		properties().forEach(registry::add);
	}

}
