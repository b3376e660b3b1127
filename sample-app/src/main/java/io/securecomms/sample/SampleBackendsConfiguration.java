package io.securecomms.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.beans.factory.annotation.Value;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.ldap.autoconfigure.LdapConnectionDetails;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * The systems the sample talks to, started with it so that one command runs everything:
 * the partner and impostor HTTPS backends, and a PostgreSQL server with TLS on
 * (certificate from the development PKI) that accepts TLS connections only, a directory
 * that listens on LDAPS only (the same certificate), and the development CA's OCSP
 * responder and CRL endpoint, which every backend's certificate names and the
 * application's clients ask (revocation {@code hard-fail}).
 */
@Configuration(proxyBeanMethods = false)
class SampleBackendsConfiguration {

	@Bean
	DevelopmentBackends developmentBackends(SslBundles bundles, @Value("${sample.partner.port}") int partnerPort,
			@Value("${sample.impostor.port}") int impostorPort, @Value("${sample.pki.resolved-dir}") Path pkiDir)
			throws IOException, GeneralSecurityException {
		return new DevelopmentBackends(bundles.getBundle("partner"), partnerPort, pkiDir, impostorPort);
	}

	/**
	 * Listening before the database and the directory exist: the application's first
	 * connection to the database, while it starts, checks the database certificate's
	 * status.
	 */
	@Bean(destroyMethod = "close")
	DevelopmentRevocation developmentRevocation(@Value("${sample.pki.resolved-dir}") Path pkiDir,
			@Value("${sample.ocsp.resolved-port}") int ocspPort, @Value("${sample.crl.resolved-port}") int crlPort)
			throws IOException, GeneralSecurityException {
		return new DevelopmentRevocation(new DevelopmentPki(pkiDir), ocspPort, crlPort);
	}

	@Bean(destroyMethod = "close")
	@DependsOn("developmentRevocation")
	EmbeddedPostgres sampleDatabase(@Value("${sample.pki.resolved-dir}") Path pkiDir) throws IOException {
		Path hba = Files.createTempFile("sample-pg-hba", ".conf");
		hba.toFile().deleteOnExit();
		// No "host" line: the server refuses every connection that is not TLS.
		Files.writeString(hba,
				"local all all trust\nhostssl all all 127.0.0.1/32 trust\nhostssl all all ::1/128 trust\n");
		return EmbeddedPostgres.builder()
			.setServerConfig("listen_addresses", "localhost")
			.setServerConfig("hba_file", hba.toString())
			.setServerConfig("ssl", "on")
			.setServerConfig("ssl_min_protocol_version", "TLSv1.2")
			.setServerConfig("ssl_cert_file", pkiDir.resolve(DevelopmentPki.SERVER_CERTIFICATE).toString())
			.setServerConfig("ssl_key_file", pkiDir.resolve(DevelopmentPki.SERVER_KEY).toString())
			.start();
	}

	/**
	 * The URL says nothing about TLS, as a service connection's would: the starter adds
	 * verify-full.
	 */
	@Bean
	JdbcConnectionDetails sampleDatabaseConnection(EmbeddedPostgres database) {
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "postgres";
			}

			@Override
			public String getPassword() {
				return null;
			}

			@Override
			public String getJdbcUrl() {
				return "jdbc:postgresql://localhost:" + database.getPort() + "/postgres";
			}

		};
	}

	@Bean(destroyMethod = "close")
	@DependsOn("developmentRevocation")
	DevelopmentDirectory sampleDirectory(SslBundles bundles, @Value("${sample.directory.port:0}") int port)
			throws LDAPException, LDIFException {
		return new DevelopmentDirectory(bundles.getBundle("server").createSslContext(), port);
	}

	/**
	 * As a service connection would name it: an {@code ldaps://} URL and nothing else.
	 * The starter supplies the sockets, the {@code backends} bundle's trust
	 * ({@code secure.comms.middleware.trust-bundle}) and the host name check; Boot has no
	 * SSL bundle property for LDAP.
	 */
	@Bean
	LdapConnectionDetails sampleDirectoryConnection(DevelopmentDirectory directory) {
		return new LdapConnectionDetails() {

			@Override
			public String[] getUrls() {
				return new String[] { directory.url() };
			}

			@Override
			public String getBase() {
				return DevelopmentDirectory.BASE;
			}

		};
	}

}
