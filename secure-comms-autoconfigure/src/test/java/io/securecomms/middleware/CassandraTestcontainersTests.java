package io.securecomms.middleware;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.datastax.oss.driver.api.core.CqlSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.MountableFile;

import io.securecomms.testsupport.MiddlewareApp;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Spec;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The Cassandra scenario against a real node in a container that requires TLS on its
 * native transport: a query runs over the policy's verified TLS, and a node the
 * application does not trust is refused and counted. Runs where a Docker engine exists;
 * without one it is skipped, and {@link CassandraTlsIntegrationTests} proves the
 * handshakes against a TLS peer on loopback.
 */
@Testcontainers(disabledWithoutDocker = true)
class CassandraTestcontainersTests {

	private static final String PASSWORD = "changeit";

	@TempDir
	static Path directory;

	static GenericContainer<?> cassandra;

	@BeforeAll
	static void node() {
		Authority ca = TestCertificates.rootCa("cassandra container CA");
		ca.writePem(directory, "ca");
		TestCertificates.rootCa("stranger CA").writePem(directory, "stranger");
		Path keyStore = ca.issue(Spec.server("localhost", "127.0.0.1")).writePkcs12(directory, "server", PASSWORD);
		// The image has no setting for client encryption: the entry point edits
		// cassandra.yaml's block first.
		String encryption = "sed -i '/^client_encryption_options:/,/keystore_password:/{"
				+ "s/enabled: false/enabled: true/;s#keystore: conf/.keystore#keystore: /tls/server.p12#;"
				+ "s/keystore_password: cassandra/keystore_password: " + PASSWORD + "/}' /etc/cassandra/cassandra.yaml";
		cassandra = new GenericContainer<>("cassandra:4.1").withExposedPorts(9042)
			.withEnv("MAX_HEAP_SIZE", "512M")
			.withEnv("HEAP_NEWSIZE", "128M")
			.withCopyFileToContainer(MountableFile.forHostPath(keyStore, 0644), "/tls/server.p12")
			.withCreateContainerCmdModifier((command) -> command.withEntrypoint("sh", "-c",
					encryption + " && exec docker-entrypoint.sh cassandra -f"))
			.waitingFor(Wait.forLogMessage(".*Starting listening for CQL clients.*", 1)
				.withStartupTimeout(Duration.ofMinutes(3)));
		cassandra.start();
	}

	@AfterAll
	static void stop() {
		if (cassandra != null) {
			cassandra.stop();
		}
	}

	@Test
	void aQueryRunsOverVerifiedTls() {
		try (ConfigurableApplicationContext app = start("ca")) {
			String version = app.getBean(CqlSession.class)
				.execute("SELECT release_version FROM system.local")
				.one()
				.getString("release_version");

			assertThat(version).startsWith("4.1");
			MiddlewareApp.awaitHandshake(app, "cassandra", peer());
		}
	}

	@Test
	void anUntrustedNodeIsRefusedAndCounted() {
		try (ConfigurableApplicationContext app = start("stranger")) {
			assertThatException().isThrownBy(() -> app.getBean(CqlSession.class))
				.withStackTraceContaining("SSLHandshakeException");
			MiddlewareApp.awaitFailuresAndNoHandshake(app, "cassandra", peer(), "cert_untrusted");
		}
	}

	private static ConfigurableApplicationContext start(String trustedCa) {
		return MiddlewareApp.startWithoutRevocation(List.of("spring.cassandra.contact-points=" + peer(),
				"spring.cassandra.local-datacenter=datacenter1",
				"spring.ssl.bundle.pem.cassandra.truststore.certificate=file:" + directory.resolve(trustedCa + ".crt"),
				"spring.cassandra.ssl.bundle=cassandra"));
	}

	private static String peer() {
		return "localhost:" + cassandra.getMappedPort(9042);
	}

}
