package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server on loopback (zonky's embedded binaries), with TLS from a
 * certificate the test generated, or with TLS off. Role {@code certuser} must
 * authenticate with a client certificate from {@code clientCa}; every other role is
 * trusted over TLS, and over plaintext too, so that a client that turns TLS off can be
 * seen to connect.
 */
public final class TlsPostgres implements AutoCloseable {

	private final EmbeddedPostgres postgres;

	private TlsPostgres(EmbeddedPostgres postgres) {
		this.postgres = postgres;
	}

	/**
	 * A server presenting {@code identity}, asking {@code certuser} for a certificate
	 * from {@code clientCa}.
	 */
	public static TlsPostgres presenting(Issued identity, Authority clientCa) {
		return start(identity, clientCa);
	}

	/** A server with {@code ssl=off}: it answers "no" to every TLS request. */
	public static TlsPostgres plaintextOnly() {
		return start(null, null);
	}

	private static TlsPostgres start(Issued identity, Authority clientCa) {
		try {
			Path directory = Files.createTempDirectory("secure-comms-pg");
			Path hba = Files.writeString(directory.resolve("pg_hba.conf"),
					String.join("\n", "local all all trust", "hostssl all certuser 127.0.0.1/32 cert",
							"hostssl all certuser ::1/128 cert", "host all all 127.0.0.1/32 trust",
							"host all all ::1/128 trust", ""));
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setServerConfig("hba_file", hba.toString())
				.setServerConfig("listen_addresses", "localhost");
			if (identity != null) {
				identity.writePem(directory, "server");
				Path key = directory.resolve("server.key");
				Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-------"));
				clientCa.writePem(directory, "client-ca");
				builder.setServerConfig("ssl", "on")
					.setServerConfig("ssl_cert_file", directory.resolve("server.crt").toString())
					.setServerConfig("ssl_key_file", key.toString())
					.setServerConfig("ssl_ca_file", directory.resolve("client-ca.crt").toString());
			}
			else {
				builder.setServerConfig("ssl", "off");
			}
			TlsPostgres server = new TlsPostgres(builder.start());
			server.superuser("CREATE ROLE certuser LOGIN");
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start PostgreSQL", ex);
		}
	}

	public int port() {
		return this.postgres.getPort();
	}

	/**
	 * A JDBC URL for database {@code postgres} on {@code host}, with nothing about TLS in
	 * it.
	 */
	public String url(String host) {
		return "jdbc:postgresql://" + host + ":" + port() + "/postgres";
	}

	/**
	 * Runs a statement as the superuser, over TLS when the server has it (not verified:
	 * test set-up only).
	 */
	public void superuser(String sql) {
		Properties properties = new Properties();
		properties.setProperty("user", "postgres");
		try (Connection connection = DriverManager.getConnection(url("localhost"), properties);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.postgres.close();
	}

}
