package io.securecomms.jdbc;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.securecomms.testsupport.JdbcApp;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import io.securecomms.testsupport.TlsPostgres;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * pgjdbc's client certificate renewed on disk (an identity bundle with
 * {@code reload-on-update: true}) is presented by the pool's new connections, seen by
 * PostgreSQL itself ({@code pg_stat_ssl.client_serial}), without a failed query. The
 * pool's connections are evicted softly to stand for their natural end of life.
 */
class PostgresCertificateRotationIntegrationTests {

	@TempDir
	Path directory;

	@Test
	void renewedClientCertificateReachesNewConnections() throws Exception {
		Authority ca = TestCertificates.rootCa("database CA");
		Authority clientCa = TestCertificates.rootCa("database client CA");
		ca.writePem(this.directory, "ca");
		Files.createDirectories(this.directory.resolve("bundle"));
		Files.createDirectories(this.directory.resolve("staging"));
		Issued first = clientCa.issue(Spec.client("certuser"));
		writeIdentity(first);
		try (TlsPostgres postgres = TlsPostgres.presenting(ca.issue(Spec.server("localhost")), clientCa);
				ConfigurableApplicationContext app = JdbcApp.start(this.directory.resolve("ca.crt"),
						List.of("spring.datasource.username=postgres",
								"spring.datasource.url=" + postgres.url("localhost") + "?user=certuser",
								"spring.ssl.bundle.watch.file.quiet-period=300ms",
								"secure.comms.jdbc.identity-bundle=database-client",
								"spring.ssl.bundle.pem.database-client.reload-on-update=true",
								"spring.ssl.bundle.pem.database-client.keystore.certificate=file:"
										+ this.directory.resolve("bundle/certuser.crt"),
								"spring.ssl.bundle.pem.database-client.keystore.private-key=file:"
										+ this.directory.resolve("bundle/certuser.key")))) {
			JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
			HikariDataSource pool = app.getBean(DataSource.class).unwrap(HikariDataSource.class);
			assertThat(clientSerial(jdbc)).isEqualTo(first.certificate().getSerialNumber());

			Issued renewed = clientCa.issue(Spec.client("certuser"));
			writeIdentity(renewed);
			List<Exception> failures = new ArrayList<>();
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
				pool.getHikariPoolMXBean().softEvictConnections();
				try {
					return renewed.certificate().getSerialNumber().equals(clientSerial(jdbc));
				}
				catch (RuntimeException ex) {
					failures.add(ex);
					return false;
				}
			});
			assertThat(failures).as("failed queries").isEmpty();
			assertThat(jdbc.queryForObject("SELECT current_user", String.class)).isEqualTo("certuser");
		}
	}

	private static BigInteger clientSerial(JdbcTemplate jdbc) {
		return new BigInteger(jdbc
			.queryForObject("SELECT client_serial::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()", String.class));
	}

	private void writeIdentity(Issued identity) throws Exception {
		Path certificate = TestCertificates.writePem(this.directory.resolve("staging/certuser.crt"),
				identity.chain().toArray());
		Path key = TestCertificates.writePem(this.directory.resolve("staging/certuser.key"),
				new JcaPKCS8Generator(identity.privateKey(), null));
		Files.move(key, this.directory.resolve("bundle/certuser.key"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		Files.move(certificate, this.directory.resolve("bundle/certuser.crt"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
	}

}
