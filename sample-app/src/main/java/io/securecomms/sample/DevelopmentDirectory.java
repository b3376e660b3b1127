package io.securecomms.sample;

import java.net.InetAddress;

import javax.net.ssl.SSLContext;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldif.LDIFException;

/**
 * A directory the application reads, started beside it on loopback like the other
 * backends (not part of the application and not hardened by the starter): UnboundID's
 * in-memory server with one LDAPS listener and no plaintext one, presenting the
 * development PKI's server certificate (the one PostgreSQL presents), seeded with a few
 * people under {@value #PEOPLE}.
 */
final class DevelopmentDirectory implements AutoCloseable {

	static final String BASE = "dc=sample,dc=example";

	static final String PEOPLE = "ou=people," + BASE;

	private final InMemoryDirectoryServer server;

	DevelopmentDirectory(SSLContext serverTls, int port) throws LDAPException, LDIFException {
		InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
		config.setListenerConfigs(InMemoryListenerConfig.createLDAPSConfig("ldaps", InetAddress.getLoopbackAddress(),
				port, serverTls.getServerSocketFactory(), null));
		this.server = new InMemoryDirectoryServer(config);
		this.server.add("dn: " + BASE, "objectClass: top", "objectClass: domain", "dc: sample");
		this.server.add("dn: " + PEOPLE, "objectClass: top", "objectClass: organizationalUnit", "ou: people");
		person("alice", "Alice Archer", "Archer");
		person("bob", "Bob Baker", "Baker");
		person("carol", "Carol Cooper", "Cooper");
		this.server.startListening();
	}

	private void person(String uid, String name, String surname) throws LDAPException, LDIFException {
		this.server.add("dn: uid=" + uid + "," + PEOPLE, "objectClass: top", "objectClass: person",
				"objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + name,
				"sn: " + surname, "mail: " + uid + "@sample.example");
	}

	/**
	 * The URL as a client would be given it; TLS is in the scheme, trust comes from the
	 * client's own settings.
	 */
	String url() {
		return "ldaps://localhost:" + this.server.getListenPort();
	}

	@Override
	public void close() {
		this.server.shutDown(true);
	}

}
