package io.securecomms.jdbc;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

import io.securecomms.jdbc.TrustStoreFiles.Store;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsProfile;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files and driver properties that give MySQL, MariaDB, SQL Server and Oracle drivers
 * the JDBC bundles' trust and identity: owner-only files that hold exactly the bundles'
 * certificates and key, with passwords that open them.
 */
class DriverTrustPropertiesTests {

	private static final Path PEM = Path.of("/private/truststore.pem");

	private static final TlsPolicy POLICY = new TlsPolicy(TlsProfile.INTERMEDIATE, List.of("TLSv1.3", "TLSv1.2"),
			List.of("TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"), List.of("x25519"));

	@Test
	void storesAreOwnerOnlyAndHoldTheBundlesContent() throws Exception {
		Authority ca = TestCertificates.rootCa("files CA");
		Issued client = ca.issue(Spec.client("app"));
		try (TrustStoreFiles files = new TrustStoreFiles(trustStore(ca), keyStore(client, "key-secret"),
				"key-secret")) {
			Path directory = files.trustStore().file().getParent();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
			for (Store store : List.of(files.trustStore(), files.keyStore())) {
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
					.isEqualTo("rw-------");
				assertThat(store.password()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("key-secret");
				assertThat(store.toString()).doesNotContain(store.password());
			}
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.trustedCertificates())))
				.isEqualTo("rw-------");
			List<java.security.cert.Certificate> pem = List
				.copyOf(java.security.cert.CertificateFactory.getInstance("X.509")
					.generateCertificates(Files.newInputStream(files.trustedCertificates())));
			assertThat(pem).containsExactly(ca.certificate());
			KeyStore trust = load(files.trustStore());
			assertThat(trust.size()).isEqualTo(1);
			assertThat(trust.getCertificate(trust.aliases().nextElement())).isEqualTo(ca.certificate());
			KeyStore key = load(files.keyStore());
			String alias = key.aliases().nextElement();
			assertThat(key.getKey(alias, files.keyStore().password().toCharArray())).isEqualTo(client.privateKey());
			assertThat(key.getCertificate(alias)).isEqualTo(client.certificate());
			files.close();
			assertThat(directory).doesNotExist();
		}
	}

	@Test
	void eachDriverGetsItsOwnPropertyNames() {
		Store trust = new Store(Path.of("/private/truststore.p12"), "t-pass");
		Store key = new Store(Path.of("/private/keystore.p12"), "k-pass");

		assertThat(DriverTrustProperties.of(MySqlTlsRule.DRIVER, trust, PEM, key, POLICY)).containsAllEntriesOf(Map.of(
				"trustCertificateKeyStoreUrl", "file:/private/truststore.p12", "trustCertificateKeyStorePassword",
				"t-pass", "clientCertificateKeyStoreUrl", "file:/private/keystore.p12", "fallbackToSystemTrustStore",
				"false", "tlsVersions", "TLSv1.3,TLSv1.2", "tlsCiphersuites",
				"TLS_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"));
		assertThat(DriverTrustProperties.of(MariaDbTlsRule.DRIVER, trust, PEM, key, POLICY))
			.containsAllEntriesOf(
					Map.of("serverSslCert", "/private/truststore.pem", "keyStore", "/private/keystore.p12",
							"keyStorePassword", "k-pass", "enabledSslProtocolSuites", "TLSv1.3,TLSv1.2"))
			.doesNotContainKey("trustStore");
		assertThat(DriverTrustProperties.of(SqlServerTlsRule.DRIVER, trust, PEM, key, POLICY))
			.containsOnlyKeys("trustStore", "trustStoreType", "trustStorePassword");
		assertThat(DriverTrustProperties.of(OracleTlsRule.DRIVER, trust, PEM, null, POLICY)).containsOnlyKeys(
				"javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType", "javax.net.ssl.trustStorePassword");
		assertThat(DriverTrustProperties.of(PostgresTlsRule.DRIVER, trust, PEM, key, POLICY)).isEmpty();
	}

	private static KeyStore trustStore(Authority ca) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setCertificateEntry("ca", ca.certificate());
		return store;
	}

	private static KeyStore keyStore(Issued client, String password) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("client", client.privateKey(), password.toCharArray(),
				client.chain().toArray(java.security.cert.Certificate[]::new));
		return store;
	}

	private static KeyStore load(Store store) throws Exception {
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(store.file())) {
			keyStore.load(in, store.password().toCharArray());
		}
		return keyStore;
	}

}
