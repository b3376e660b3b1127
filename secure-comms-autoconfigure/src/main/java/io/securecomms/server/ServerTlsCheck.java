package io.securecomms.server;

import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.securecomms.policy.CertificatePolicy;
import io.securecomms.policy.CipherSuiteStrength;
import io.securecomms.policy.TlsProtocol;
import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerSslBundle;

/**
 * Checks a listener's Spring Boot SSL settings before the server starts: TLS is on when
 * required, the key material loads (a missing file or wrong password is named, not buried
 * in a stack trace), the certificates are strong enough, and client authentication has a
 * trust store of its own.
 */
public final class ServerTlsCheck {

	private final @Nullable SslBundles bundles;

	public ServerTlsCheck(@Nullable SslBundles bundles) {
		this.bundles = bundles;
	}

	public List<Violation> check(@Nullable Ssl ssl, ListenerTls listener) {
		List<Violation> violations = new ArrayList<>(allowedClients(ssl, listener));
		violations.addAll(checkSsl(ssl, listener));
		return violations;
	}

	/**
	 * An allow-list must be readable, and there must be client certificates to check it
	 * against: without them it would let everyone in while looking like it does not.
	 */
	private static List<Violation> allowedClients(@Nullable Ssl ssl, ListenerTls listener) {
		AllowedClients allowed = listener.allowedClients();
		List<Violation> violations = new ArrayList<>(allowed.violations());
		ClientAuth clientAuth = Ssl.isEnabled(ssl) ? listener.clientAuth().atLeast(ClientAuth.of(ssl.getClientAuth()))
				: ClientAuth.NONE;
		if (!allowed.patterns().isEmpty() && clientAuth == ClientAuth.NONE) {
			violations.add(Violation.invalid(allowed.property(), String.join(",", allowed.patterns()),
					"the " + listener.channel().tag() + " port asks no client certificate"
							+ (Ssl.isEnabled(ssl) ? "" : " (it has no TLS)") + ", so there is nothing to check "
							+ "the allow-list against and every caller would be let in",
					"Set " + listener.clientAuthProperty() + "=need (or want), or remove " + allowed.property()));
		}
		return violations;
	}

	private List<Violation> checkSsl(@Nullable Ssl ssl, ListenerTls listener) {
		if (!Ssl.isEnabled(ssl)) {
			return listener.requireTls() ? List.of(plaintext(listener)) : List.of();
		}
		List<Violation> missing = bundlesMissing(ssl, listener.sslPrefix());
		if (!missing.isEmpty()) {
			return missing;
		}
		SslBundle bundle;
		KeyStore keyStore;
		try {
			bundle = WebServerSslBundle.get(ssl, this.bundles);
			keyStore = bundle.getStores().getKeyStore();
		}
		catch (NoSuchSslBundleException ex) {
			return List.of(Violation.invalid(listener.sslPrefix() + ".bundle", ex.getBundleName(),
					"there is no SSL bundle named '" + ex.getBundleName() + "'",
					"Define it under spring.ssl.bundle.jks." + ex.getBundleName() + " or spring.ssl.bundle.pem."
							+ ex.getBundleName() + ", or name an existing bundle in " + listener.sslPrefix()
							+ ".bundle"));
		}
		catch (RuntimeException ex) {
			return List.of(unreadableKeyMaterial(ssl, listener.sslPrefix(), ex));
		}
		List<Violation> violations = new ArrayList<>(
				certificates(keyStore, bundle.getKey().getAlias(), keyMaterialProperty(ssl, listener.sslPrefix())));
		violations.addAll(bootProtocolsAndCiphers(ssl, listener.sslPrefix()));
		for (Ssl.ServerNameSslBundle serverName : ssl.getServerNameBundles()) {
			violations.addAll(serverNameCertificates(serverName, listener.sslPrefix()));
		}
		ClientAuth clientAuth = listener.clientAuth().atLeast(ClientAuth.of(ssl.getClientAuth()));
		if (clientAuth != ClientAuth.NONE && bundle.getStores().getTrustStore() == null) {
			violations.add(Violation.insecure(listener.clientAuthProperty(), clientAuth.name().toLowerCase(Locale.ROOT),
					"client certificates would be checked against the JVM's default CAs, which any public CA "
							+ "can satisfy",
					"Give " + listener.sslPrefix() + " a trust store holding only the CA of your clients' "
							+ "certificates (" + listener.sslPrefix()
							+ ".trust-store, or a bundle with a truststore)"));
		}
		return violations;
	}

	/**
	 * Boot's own protocol and cipher lists are replaced by the policy; a weak entry there
	 * means the author expects something the connector will refuse, so it is said out
	 * loud.
	 */
	private static List<Violation> bootProtocolsAndCiphers(Ssl ssl, String sslPrefix) {
		List<Violation> violations = new ArrayList<>();
		for (String protocol : nullToEmpty(ssl.getEnabledProtocols())) {
			TlsProtocol.weakness(protocol)
				.ifPresent((weakness) -> violations.add(Violation.insecure(sslPrefix + ".enabled-protocols", protocol,
						weakness + "; the secure-comms policy replaces this list",
						"Remove " + protocol + " from " + sslPrefix + ".enabled-protocols (narrow with "
								+ "secure.comms.tls.protocols instead)")));
		}
		for (String cipher : nullToEmpty(ssl.getCiphers())) {
			CipherSuiteStrength.weakness(cipher)
				.ifPresent((weakness) -> violations.add(Violation.insecure(sslPrefix + ".ciphers", cipher,
						cipher + " is weak: " + weakness + "; the secure-comms policy replaces this list",
						"Remove " + cipher + " from " + sslPrefix + ".ciphers (narrow with "
								+ "secure.comms.tls.cipher-suites instead)")));
		}
		return violations;
	}

	private static List<String> nullToEmpty(String @Nullable [] values) {
		return (values != null) ? Arrays.asList(values) : List.of();
	}

	private List<Violation> serverNameCertificates(Ssl.ServerNameSslBundle serverName, String sslPrefix) {
		String property = sslPrefix + ".server-name-bundles";
		try {
			SslBundle bundle = Objects.requireNonNull(this.bundles).getBundle(serverName.bundle());
			return certificates(bundle.getStores().getKeyStore(), bundle.getKey().getAlias(), property);
		}
		catch (RuntimeException ex) {
			return List.of(Violation.invalid(property, serverName.serverName() + "=" + serverName.bundle(),
					"the SSL bundle for server name '" + serverName.serverName() + "' cannot be loaded: "
							+ rootMessage(ex),
					"Define spring.ssl.bundle.*." + serverName.bundle() + " with a readable key store"));
		}
	}

	private static List<Violation> certificates(@Nullable KeyStore keyStore, @Nullable String alias, String property) {
		List<Violation> violations = new ArrayList<>();
		for (List<X509Certificate> chain : chains(keyStore, alias)) {
			violations.addAll(CertificatePolicy.check(property, chain));
		}
		return violations;
	}

	/**
	 * The certificates a listener presents (its bundle's and every server-name bundle's
	 * leaf), for the names the server answers to. None when the key material cannot be
	 * read: {@link #check} says why.
	 */
	public List<X509Certificate> presentedCertificates(@Nullable Ssl ssl) {
		return presentedChains(ssl, true).stream().map((chain) -> chain.get(0)).toList();
	}

	/**
	 * The chain a listener presents by default (leaf first, as its key store holds it;
	 * not the server-name bundles'), read afresh so that a reloaded bundle is seen. Empty
	 * when there is no TLS or the key material cannot be read: {@link #check} says why.
	 */
	public List<X509Certificate> presentedChain(@Nullable Ssl ssl) {
		List<List<X509Certificate>> chains = presentedChains(ssl, false);
		return chains.isEmpty() ? List.of() : chains.get(0);
	}

	/**
	 * The chains of the listener's bundle and, with {@code serverNames}, of every
	 * server-name bundle; none when the key material cannot be read.
	 */
	private List<List<X509Certificate>> presentedChains(@Nullable Ssl ssl, boolean serverNames) {
		if (!Ssl.isEnabled(ssl) || !bundlesMissing(ssl, "").isEmpty()) {
			return List.of();
		}
		try {
			List<SslBundle> presented = new ArrayList<>();
			presented.add(WebServerSslBundle.get(ssl, this.bundles));
			if (serverNames) {
				for (Ssl.ServerNameSslBundle serverName : ssl.getServerNameBundles()) {
					presented.add(Objects.requireNonNull(this.bundles).getBundle(serverName.bundle()));
				}
			}
			List<List<X509Certificate>> chains = new ArrayList<>();
			for (SslBundle bundle : presented) {
				chains.addAll(chains(bundle.getStores().getKeyStore(), bundle.getKey().getAlias()));
			}
			return chains;
		}
		catch (RuntimeException ex) {
			return List.of();
		}
	}

	private static List<List<X509Certificate>> chains(@Nullable KeyStore keyStore, @Nullable String alias) {
		if (keyStore == null) {
			return List.of();
		}
		try {
			List<String> aliases = (alias != null) ? List.of(alias) : Collections.list(keyStore.aliases());
			List<List<X509Certificate>> chains = new ArrayList<>();
			for (String entry : aliases) {
				if (keyStore.isKeyEntry(entry) && keyStore.getCertificateChain(entry) != null
						&& keyStore.getCertificateChain(entry).length > 0) {
					chains.add(x509(keyStore.getCertificateChain(entry)));
				}
			}
			return chains;
		}
		catch (KeyStoreException ex) {
			throw new IllegalStateException("Key store was loaded but cannot be read", ex);
		}
	}

	/**
	 * A bundle is named but there is no {@link SslBundles} to find it in (an application
	 * without Boot's SSL auto-configuration): said plainly instead of a
	 * NullPointerException from the lookup.
	 */
	private List<Violation> bundlesMissing(Ssl ssl, String sslPrefix) {
		if (this.bundles != null) {
			return List.of();
		}
		List<String> named = new ArrayList<>();
		if (ssl.getBundle() != null) {
			named.add(ssl.getBundle());
		}
		ssl.getServerNameBundles().forEach((serverName) -> named.add(serverName.bundle()));
		if (named.isEmpty()) {
			return List.of();
		}
		String property = sslPrefix + ((ssl.getBundle() != null) ? ".bundle" : ".server-name-bundles");
		return List.of(Violation.invalid(property, String.join(", ", named),
				"SSL bundle " + named + " is named, but the application has no SSL bundle registry (SslBundles bean) "
						+ "to find it in",
				"Keep Spring Boot's SSL auto-configuration (SslAutoConfiguration, spring.ssl.bundle.*) active, or give "
						+ sslPrefix + " its key material directly (" + sslPrefix + ".key-store or " + sslPrefix
						+ ".certificate)"));
	}

	private static List<X509Certificate> x509(Certificate[] chain) {
		return Arrays.stream(chain).filter(X509Certificate.class::isInstance).map(X509Certificate.class::cast).toList();
	}

	private static Violation plaintext(ListenerTls listener) {
		return Violation.insecure(listener.sslPrefix() + ".bundle", "(not set)",
				"the " + listener.channel().tag() + " port would listen on plaintext HTTP",
				"Give it a certificate: define an SSL bundle under spring.ssl.bundle.* and add to application.yml:"
						+ System.lineSeparator() + bundleYaml(listener.sslPrefix()));
	}

	/** {@code server.ssl} becomes the YAML lines that name a bundle under it. */
	private static String bundleYaml(String sslPrefix) {
		String[] keys = sslPrefix.split("\\.");
		StringBuilder yaml = new StringBuilder();
		for (int depth = 0; depth < keys.length; depth++) {
			yaml.append("    ")
				.append("  ".repeat(depth))
				.append(keys[depth])
				.append(':')
				.append(System.lineSeparator());
		}
		return yaml.append("    ")
			.append("  ".repeat(keys.length))
			.append("bundle: server   # your bundle's name")
			.toString();
	}

	private static Violation unreadableKeyMaterial(Ssl ssl, String sslPrefix, RuntimeException ex) {
		String property = keyMaterialProperty(ssl, sslPrefix);
		if (hasCause(ex, UnrecoverableKeyException.class)
				|| rootMessage(ex).toLowerCase(Locale.ROOT).contains("password")) {
			String passwordProperty = (ssl.getBundle() != null)
					? "spring.ssl.bundle.*." + ssl.getBundle() + ".keystore.password"
					: sslPrefix + ".key-store-password";
			return Violation.invalid(passwordProperty, "******",
					"the key store password is wrong (" + rootMessage(ex) + ")",
					"Set " + passwordProperty + " to the password the key store was written with");
		}
		if (hasCause(ex, FileNotFoundException.class) || hasCause(ex, NoSuchFileException.class)) {
			return Violation.invalid(property, location(ssl),
					"the key store file does not exist (" + rootMessage(ex) + ")",
					"Point " + property + " at an existing, readable file, e.g. file:/etc/app/server.p12 or "
							+ "classpath:server.p12");
		}
		return Violation.invalid(property, location(ssl), "the key material cannot be loaded: " + rootMessage(ex),
				"Check that " + property + " names a readable key store or PEM certificate and key");
	}

	private static String keyMaterialProperty(Ssl ssl, String sslPrefix) {
		if (ssl.getBundle() != null) {
			return "spring.ssl.bundle.*." + ssl.getBundle() + ".keystore";
		}
		return sslPrefix + ((ssl.getKeyStore() != null) ? ".key-store" : ".certificate");
	}

	private static String location(Ssl ssl) {
		if (ssl.getBundle() != null) {
			return ssl.getBundle();
		}
		return String.valueOf((ssl.getKeyStore() != null) ? ssl.getKeyStore() : ssl.getCertificate());
	}

	private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

}
