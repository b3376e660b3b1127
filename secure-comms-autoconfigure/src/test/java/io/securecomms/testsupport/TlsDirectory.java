package io.securecomms.testsupport;

import io.securecomms.test.TestCertificates;

import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;

import io.securecomms.test.TestCertificates.Issued;

/**
 * A real directory on loopback (UnboundID's in-memory server, one process for the test
 * class) with one listener per certificate a test needs: LDAPS listeners, LDAP listeners
 * that offer StartTLS, and a plaintext one. Holds {@code dc=example,dc=com} with one
 * person, {@code cn=Ada Lovelace}, and the bind user {@value #USER}.
 */
public final class TlsDirectory implements AutoCloseable {

	public static final String BASE = "dc=example,dc=com";

	public static final String USER = "cn=reader," + BASE;

	public static final String PASSWORD = "reader-secret";

	private final InMemoryDirectoryServer server;

	private TlsDirectory(InMemoryDirectoryServer server) {
		this.server = server;
	}

	public static Builder builder() {
		return new Builder();
	}

	/** The port of listener {@code name}. */
	public int port(String name) {
		return this.server.getListenPort(name);
	}

	@Override
	public void close() {
		this.server.shutDown(true);
	}

	public static final class Builder {

		private final Map<String, InMemoryListenerConfig> listeners = new LinkedHashMap<>();

		/**
		 * A listener that speaks TLS from the first byte, presenting {@code certificate}.
		 */
		public Builder ldaps(String name, Issued certificate) throws LDAPException {
			this.listeners.put(name, InMemoryListenerConfig.createLDAPSConfig(name, loopback(), 0,
					serverContext(certificate).getServerSocketFactory(), null));
			return this;
		}

		/**
		 * A plaintext listener that offers StartTLS, presenting {@code certificate} once
		 * asked.
		 */
		public Builder startTls(String name, Issued certificate) throws LDAPException {
			this.listeners.put(name, InMemoryListenerConfig.createLDAPConfig(name, loopback(), 0,
					serverContext(certificate).getSocketFactory()));
			return this;
		}

		/** A plaintext listener without StartTLS. */
		public Builder plaintext(String name) throws LDAPException {
			this.listeners.put(name, InMemoryListenerConfig.createLDAPConfig(name, loopback(), 0, null));
			return this;
		}

		public TlsDirectory start() throws LDAPException, LDIFException {
			InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
			config.setListenerConfigs(new ArrayList<>(this.listeners.values()));
			config.addAdditionalBindCredentials(USER, PASSWORD);
			InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
			server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: example");
			server.add("dn: cn=Ada Lovelace," + BASE, "objectClass: top", "objectClass: person", "cn: Ada Lovelace",
					"sn: Lovelace");
			server.startListening();
			return new TlsDirectory(server);
		}

		private static InetAddress loopback() {
			return InetAddress.getLoopbackAddress();
		}

		private static SSLContext serverContext(Issued certificate) {
			try {
				KeyStore store = KeyStore.getInstance("PKCS12");
				store.load(null, null);
				char[] password = "changeit".toCharArray();
				store.setKeyEntry("server", certificate.privateKey(), password,
						certificate.chain().toArray(Certificate[]::new));
				KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
				keys.init(store, password);
				SSLContext context = SSLContext.getInstance("TLS");
				context.init(keys.getKeyManagers(), null, null);
				return context;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
