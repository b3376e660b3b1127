package io.securecomms.test.dbfixture;

import io.securecomms.test.TlsPostgreSQLContainer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL in a container with TLS and the test PKI's certificate: the application
 * connects with {@code sslmode=verify-full} through the starter's checks, with no
 * hand-written configuration. Skipped where there is no Docker.
 */
@SpringBootTest
@Testcontainers(disabledWithoutDocker = true)
class TlsPostgresContainerTests {

	@Container
	@ServiceConnection
	static TlsPostgreSQLContainer postgres = new TlsPostgreSQLContainer("postgres:17-alpine");

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void sessionIsEncrypted() {
		assertThat(this.jdbc.queryForObject("select ssl from pg_stat_ssl where pid = pg_backend_pid()", Boolean.class))
			.isTrue();
	}

}
