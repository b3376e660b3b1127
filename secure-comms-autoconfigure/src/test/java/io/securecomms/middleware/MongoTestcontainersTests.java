package io.securecomms.middleware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import org.bson.Document;
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
 * The MongoDB scenario against a real server in a container that requires TLS: a command
 * runs over the policy's verified TLS, and a server the application does not trust is
 * refused and counted. Runs where a Docker engine exists; without one it is skipped, and
 * {@link MongoTlsIntegrationTests} proves the handshakes against a TLS peer on loopback.
 */
@Testcontainers(disabledWithoutDocker = true)
class MongoTestcontainersTests {

	@TempDir
	static Path directory;

	static GenericContainer<?> mongo;

	@BeforeAll
	static void server() throws IOException {
		Authority ca = TestCertificates.rootCa("mongo container CA");
		ca.writePem(directory, "ca");
		TestCertificates.rootCa("stranger CA").writePem(directory, "stranger");
		ca.issue(Spec.server("localhost", "127.0.0.1")).writePem(directory, "server");
		// mongod reads its certificate and key from one PEM file.
		Path pem = Files.writeString(directory.resolve("server.pem"),
				Files.readString(directory.resolve("server.crt")) + Files.readString(directory.resolve("server.key")));
		mongo = new GenericContainer<>("mongo:7.0").withExposedPorts(27017)
			.withCopyFileToContainer(MountableFile.forHostPath(pem, 0644), "/tls/server.pem")
			.withCommand("--tlsMode", "requireTLS", "--tlsCertificateKeyFile", "/tls/server.pem", "--bind_ip_all")
			.waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(2)));
		mongo.start();
	}

	@AfterAll
	static void stop() {
		if (mongo != null) {
			mongo.stop();
		}
	}

	@Test
	void aCommandRunsOverVerifiedTls() {
		try (ConfigurableApplicationContext app = start("ca")) {
			Document pong = app.getBean(MongoClient.class).getDatabase("admin").runCommand(new Document("ping", 1));

			assertThat(pong.get("ok")).isIn(1, 1.0);
			MiddlewareApp.awaitHandshake(app, "mongodb", peer());
		}
	}

	@Test
	void anUntrustedServerIsRefusedAndCounted() {
		try (ConfigurableApplicationContext app = start("stranger")) {
			assertThatException()
				.isThrownBy(
						() -> app.getBean(MongoClient.class).getDatabase("admin").runCommand(new Document("ping", 1)))
				.isInstanceOf(MongoTimeoutException.class)
				.withMessageContaining("SSLHandshakeException");
			MiddlewareApp.awaitFailuresAndNoHandshake(app, "mongodb", peer(), "cert_untrusted");
		}
	}

	private static ConfigurableApplicationContext start(String trustedCa) {
		return MiddlewareApp.startWithoutRevocation(List.of(
				"spring.mongodb.uri=mongodb://localhost:" + mongo.getMappedPort(27017)
						+ "/test?directConnection=true&serverSelectionTimeoutMS=3000",
				"spring.ssl.bundle.pem.mongo.truststore.certificate=file:" + directory.resolve(trustedCa + ".crt"),
				"spring.mongodb.ssl.bundle=mongo"));
	}

	private static String peer() {
		return "localhost:" + mongo.getMappedPort(27017);
	}

}
