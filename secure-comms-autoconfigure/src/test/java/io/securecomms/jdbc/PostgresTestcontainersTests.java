package io.securecomms.jdbc;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.securecomms.testsupport.JdbcApp;
import io.securecomms.testsupport.TestApplication;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.MountableFile;

import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PostgreSQL scenario with a Testcontainers service connection, the way many
 * applications test: the {@code JdbcConnectionDetails} URL says nothing about TLS, and
 * the starter still connects with verified TLS (or refuses a server it does not trust).
 * Runs where a Docker engine exists; without one it is skipped, and
 * {@link PostgresTlsIntegrationTests} proves the same against an embedded server.
 */
@Testcontainers(disabledWithoutDocker = true)
class PostgresTestcontainersTests {

	@TempDir
	static Path directory;

	static Authority ca;

	@BeforeAll
	static void certificates() {
		ca = TestCertificates.rootCa("container CA");
		ca.writePem(directory, "ca");
	}

	@Test
	void aServiceConnectionIsUpgradedToVerifiedTls() {
		TrustedServer.identity = ca.issue(Spec.server("localhost"));
		try (ConfigurableApplicationContext app = JdbcApp.start(TrustedServer.class, directory.resolve("ca.crt"),
				List.of())) {
			Map<String, Object> ssl = app.getBean(JdbcTemplate.class)
				.queryForMap("SELECT ssl, version FROM pg_stat_ssl WHERE pid = pg_backend_pid()");

			assertThat(ssl.get("ssl")).isEqualTo(true);
			assertThat((String) ssl.get("version")).isIn("TLSv1.2", "TLSv1.3");
		}
	}

	@Test
	void aServiceConnectionToAnUntrustedServerIsRefusedAndCounted() {
		TrustedServer.identity = TestCertificates.rootCa("stranger CA").issue(Spec.server("localhost"));
		try (ConfigurableApplicationContext app = JdbcApp.start(TrustedServer.class, directory.resolve("ca.crt"),
				List.of())) {
			JdbcApp.assertRefused(app, "cert_untrusted", "is not trusted");
		}
	}

	/** PostgreSQL in a container with TLS on, presenting {@link #identity}. */
	@Import(TestApplication.class)
	static class TrustedServer {

		static Issued identity;

		@Bean(destroyMethod = "stop")
		@ServiceConnection
		PostgreSQLContainer postgres() {
			Path certificates = directory.resolve("server-" + System.nanoTime());
			identity.writePem(certificates, "server");
			// PostgreSQL reads its key only when the database user owns it with mode
			// 0600.
			return new PostgreSQLContainer("postgres:16-alpine")
				.withCopyFileToContainer(MountableFile.forHostPath(certificates.resolve("server.crt"), 0644),
						"/tls/server.crt")
				.withCopyFileToContainer(MountableFile.forHostPath(certificates.resolve("server.key"), 0600),
						"/tls/server.key")
				.withCreateContainerCmdModifier((command) -> command.withEntrypoint("sh", "-c",
						"chown postgres /tls/server.key && exec docker-entrypoint.sh postgres -c ssl=on "
								+ "-c ssl_cert_file=/tls/server.crt -c ssl_key_file=/tls/server.key -c fsync=off"));
		}

	}

}
