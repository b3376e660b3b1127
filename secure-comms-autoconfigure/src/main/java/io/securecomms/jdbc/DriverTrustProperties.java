package io.securecomms.jdbc;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.securecomms.jdbc.TrustStoreFiles.Store;
import io.securecomms.policy.TlsPolicy;
import org.jspecify.annotations.Nullable;

/**
 * The driver properties that hand the JDBC bundles' trust and identity, and the policy's
 * protocols and suites, to drivers that take files rather than an SSL context. pgjdbc
 * takes a socket factory instead ({@link PostgresTlsSocketFactory}).
 */
final class DriverTrustProperties {

	private DriverTrustProperties() {
	}

	/**
	 * @return the properties for {@code driver}; empty for a driver the starter does not
	 * configure this way
	 */
	static Map<String, String> of(String driver, TrustStoreFiles files, TlsPolicy policy) {
		return of(driver, files.trustStore(), files.trustedCertificates(), files.keyStore(), policy);
	}

	/**
	 * @param trustedCertificates the same certificates as {@code trustStore}, as a PEM
	 * file
	 */
	static Map<String, String> of(String driver, @Nullable Store trustStore, @Nullable Path trustedCertificates,
			@Nullable Store keyStore, TlsPolicy policy) {
		Map<String, String> properties = new LinkedHashMap<>();
		String protocols = String.join(",", policy.protocols());
		String suites = String.join(",", policy.cipherSuites());
		switch (driver) {
			case MySqlTlsRule.DRIVER -> {
				store(properties, trustStore, "trustCertificateKeyStoreUrl", "trustCertificateKeyStoreType",
						"trustCertificateKeyStorePassword", "file:");
				store(properties, keyStore, "clientCertificateKeyStoreUrl", "clientCertificateKeyStoreType",
						"clientCertificateKeyStorePassword", "file:");
				properties.put("fallbackToSystemTrustStore", "false");
				properties.put("tlsVersions", protocols);
				properties.put("tlsCiphersuites", suites);
			}
			case MariaDbTlsRule.DRIVER -> {
				// serverSslCert, not trustStore: with a trust store, Connector/J 3.x
				// accepts an untrusted
				// certificate when the server can later prove it knows the password
				// (ephemeral certificates).
				if (trustedCertificates != null) {
					properties.put("serverSslCert", trustedCertificates.toString());
				}
				store(properties, keyStore, "keyStore", "keyStoreType", "keyStorePassword", "");
				properties.put("enabledSslProtocolSuites", protocols);
				properties.put("enabledSslCipherSuites", suites);
			}
			case SqlServerTlsRule.DRIVER ->
				store(properties, trustStore, "trustStore", "trustStoreType", "trustStorePassword", "");
			case OracleTlsRule.DRIVER -> {
				store(properties, trustStore, "javax.net.ssl.trustStore", "javax.net.ssl.trustStoreType",
						"javax.net.ssl.trustStorePassword", "");
				store(properties, keyStore, "javax.net.ssl.keyStore", "javax.net.ssl.keyStoreType",
						"javax.net.ssl.keyStorePassword", "");
			}
			default -> {
			}
		}
		return properties;
	}

	private static void store(Map<String, String> properties, @Nullable Store store, String location, String type,
			String password, String scheme) {
		if (store != null) {
			properties.put(location, scheme + store.file());
			properties.put(type, "PKCS12");
			properties.put(password, store.password());
		}
	}

}
