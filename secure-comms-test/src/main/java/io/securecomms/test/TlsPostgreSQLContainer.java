package io.securecomms.test;

import java.nio.charset.StandardCharsets;

import org.testcontainers.images.builder.Transferable;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A PostgreSQL container that serves TLS with the {@link TestPki} server certificate (for
 * {@code localhost} and {@code 127.0.0.1}), and whose JDBC URL asks for
 * {@code sslmode=verify-full}. Used with Boot's {@code @ServiceConnection}, the
 * connection details carry that URL, and the test PKI points
 * {@code secure.comms.jdbc.trust-bundle} at the test CA: the starter's JDBC checks pass
 * with no configuration written by hand.
 * <p>
 * The Docker host must be reached as {@code localhost} or {@code 127.0.0.1} (a remote
 * {@code DOCKER_HOST} is refused with {@code hostname_mismatch}, as it should be).
 */
public class TlsPostgreSQLContainer extends PostgreSQLContainer {

	private static final String DIRECTORY = "/tls/";

	public TlsPostgreSQLContainer(String image) {
		this(DockerImageName.parse(image));
	}

	public TlsPostgreSQLContainer(DockerImageName image) {
		super(image);
		TestPki pki = TestPki.get();
		withCopyToContainer(Transferable.of(pki.server().chainPem().getBytes(StandardCharsets.US_ASCII), 0644),
				DIRECTORY + "server.crt");
		withCopyToContainer(Transferable.of(pki.server().privateKeyPem().getBytes(StandardCharsets.US_ASCII), 0600),
				DIRECTORY + "server.key");
		// PostgreSQL reads its key only when the postgres user owns it (mode 0600): the
		// entrypoint runs as root,
		// so the files are handed over before it starts the server.
		withCommand("sh", "-c", "cp " + DIRECTORY + "server.* /var/lib/postgresql/"
				+ " && chown postgres /var/lib/postgresql/server.crt /var/lib/postgresql/server.key"
				+ " && chmod 600 /var/lib/postgresql/server.key"
				+ " && exec docker-entrypoint.sh postgres -c fsync=off -c ssl=on"
				+ " -c ssl_cert_file=/var/lib/postgresql/server.crt -c ssl_key_file=/var/lib/postgresql/server.key"
				+ " -c ssl_min_protocol_version=TLSv1.2");
	}

	@Override
	public String getJdbcUrl() {
		String url = super.getJdbcUrl();
		return url + (url.contains("?") ? "&" : "?") + "sslmode=verify-full";
	}

}
