package io.securecomms.jdbc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * The JDBC bundles written as PKCS#12 files for drivers that read trust and identity from
 * files: in a directory only the owner can enter, each file readable by the owner only,
 * with a random password, and deleted when the application stops.
 */
final class TrustStoreFiles implements AutoCloseable {

	private final Path directory;

	private final String trustPassword = randomPassword();

	private final String keyPassword = randomPassword();

	private @Nullable Store trustStore;

	private @Nullable Store keyStore;

	private @Nullable Path trustedCertificates;

	/**
	 * @param trustStore the certificates to trust, or {@code null}
	 * @param keyStore the client key and certificate, or {@code null}
	 * @param keyPassword the password of the key entry in {@code keyStore}, or
	 * {@code null}
	 */
	TrustStoreFiles(@Nullable KeyStore trustStore, @Nullable KeyStore keyStore, @Nullable String keyPassword) {
		try {
			this.directory = Files.createTempDirectory("secure-comms-jdbc",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot write the JDBC trust and key stores: " + ex.getMessage(), ex);
		}
		rewrite(trustStore, keyStore, keyPassword);
	}

	/**
	 * Writes the stores again (after a bundle reload): same files, same passwords, each
	 * file replaced at once, so the driver properties stay valid and the next connection
	 * reads the new content.
	 */
	synchronized void rewrite(@Nullable KeyStore trustStore, @Nullable KeyStore keyStore,
			@Nullable String keyPassword) {
		try {
			this.trustStore = (trustStore != null)
					? write("truststore.p12", certificatesOf(trustStore, this.trustPassword)) : null;
			this.trustedCertificates = (trustStore != null) ? writePem("truststore.pem", trustStore) : null;
			this.keyStore = (keyStore != null) ? write("keystore.p12", rekeyed(keyStore, keyPassword, this.keyPassword))
					: null;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot write the JDBC trust and key stores: " + ex.getMessage(), ex);
		}
	}

	synchronized @Nullable Store trustStore() {
		return this.trustStore;
	}

	synchronized @Nullable Store keyStore() {
		return this.keyStore;
	}

	/**
	 * The trusted certificates as one PEM file, for drivers that take PEM, or
	 * {@code null}.
	 */
	synchronized @Nullable Path trustedCertificates() {
		return this.trustedCertificates;
	}

	private Path writePem(String name, KeyStore source) throws IOException, GeneralSecurityException {
		StringBuilder pem = new StringBuilder();
		Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
		for (String alias : Collections.list(source.aliases())) {
			if (source.getCertificate(alias) != null) {
				pem.append("-----BEGIN CERTIFICATE-----\n")
					.append(base64.encodeToString(source.getCertificate(alias).getEncoded()))
					.append("\n-----END CERTIFICATE-----\n");
			}
		}
		Path file = this.directory.resolve(name);
		Path next = newFile(name);
		Files.writeString(next, pem, StandardCharsets.US_ASCII);
		return replace(next, file);
	}

	private Store write(String name, StoreContent content) throws IOException, GeneralSecurityException {
		Path file = this.directory.resolve(name);
		Path next = newFile(name);
		try (OutputStream out = Files.newOutputStream(next)) {
			content.store().store(out, content.password().toCharArray());
		}
		return new Store(replace(next, file), content.password());
	}

	private Path newFile(String name) throws IOException {
		return Files.createTempFile(this.directory, name, ".next",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
	}

	private static Path replace(Path next, Path file) throws IOException {
		return Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private static StoreContent certificatesOf(KeyStore source, String password)
			throws GeneralSecurityException, IOException {
		KeyStore target = emptyPkcs12();
		for (String alias : Collections.list(source.aliases())) {
			if (source.getCertificate(alias) != null) {
				target.setCertificateEntry(alias, source.getCertificate(alias));
			}
		}
		return new StoreContent(target, password);
	}

	/** One password for the file and its key: drivers take only one. */
	private static StoreContent rekeyed(KeyStore source, @Nullable String keyPassword, String password)
			throws GeneralSecurityException, IOException {
		KeyStore target = emptyPkcs12();
		char[] sourcePassword = (keyPassword != null) ? keyPassword.toCharArray() : new char[0];
		for (String alias : Collections.list(source.aliases())) {
			if (source.isKeyEntry(alias)) {
				target.setKeyEntry(alias, source.getKey(alias, sourcePassword), password.toCharArray(),
						source.getCertificateChain(alias));
			}
		}
		return new StoreContent(target, password);
	}

	private static KeyStore emptyPkcs12() throws GeneralSecurityException, IOException {
		KeyStore store = KeyStore.getInstance("PKCS12");
		store.load(null, null);
		return store;
	}

	private static String randomPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	@Override
	public void close() {
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			// A temporary directory left behind holds only what the bundles hold; nothing
			// else to do.
		}
	}

	/**
	 * @param file the PKCS#12 file
	 * @param password its password (never logged)
	 */
	record Store(Path file, String password) {

		@Override
		public String toString() {
			return "Store[" + this.file + "]";
		}

	}

	private record StoreContent(KeyStore store, String password) {
	}

}
