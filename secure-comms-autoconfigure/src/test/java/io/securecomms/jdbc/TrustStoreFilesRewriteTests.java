package io.securecomms.jdbc;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;

import io.securecomms.jdbc.TrustStoreFiles.Store;
import io.securecomms.test.TestCertificates;
import io.securecomms.test.TestCertificates.Authority;
import io.securecomms.test.TestCertificates.Issued;
import io.securecomms.test.TestCertificates.Spec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a bundle reload the file-based drivers' stores are written again at the same
 * paths with the same passwords (the driver properties given at startup stay valid),
 * owner-only, holding the new content.
 */
class TrustStoreFilesRewriteTests {

	@Test
	void rewriteKeepsPathsAndPasswordsAndReplacesTheContent() throws Exception {
		Authority oldCa = TestCertificates.rootCa("old CA");
		Authority newCa = TestCertificates.rootCa("new CA");
		Issued oldClient = oldCa.issue(Spec.client("app"));
		Issued newClient = newCa.issue(Spec.client("app"));
		try (TrustStoreFiles files = new TrustStoreFiles(trustStore(oldCa), keyStore(oldClient), "pw")) {
			Store trust = files.trustStore();
			Store key = files.keyStore();

			files.rewrite(trustStore(oldCa, newCa), keyStore(newClient), "pw");

			assertThat(files.trustStore()).isEqualTo(trust);
			assertThat(files.keyStore()).isEqualTo(key);
			KeyStore trusted = load(trust);
			assertThat(trusted.size()).isEqualTo(2);
			assertThat(trusted.getCertificateAlias(newCa.certificate())).isNotNull();
			KeyStore identity = load(key);
			assertThat(identity.getCertificate(identity.aliases().nextElement())).isEqualTo(newClient.certificate());
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key.file()))).isEqualTo("rw-------");
			assertThat(Files.readString(files.trustedCertificates())).contains("BEGIN CERTIFICATE");
			try (var listing = Files.list(trust.file().getParent())) {
				assertThat(listing.map((file) -> file.getFileName().toString()))
					.containsExactlyInAnyOrder("truststore.p12", "truststore.pem", "keystore.p12");
			}
		}
	}

	private static KeyStore trustStore(Authority... cas) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		for (int i = 0; i < cas.length; i++) {
			store.setCertificateEntry("ca-" + i, cas[i].certificate());
		}
		return store;
	}

	private static KeyStore keyStore(Issued client) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		store.setKeyEntry("client", client.privateKey(), "pw".toCharArray(),
				client.chain().toArray(Certificate[]::new));
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
