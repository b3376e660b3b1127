package io.securecomms.middleware;

import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;

import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * JNDI's {@code java.naming.ldap.factory.socket} for {@code ldaps://}: JNDI takes a class
 * name and calls its static {@link #getDefault()}, so the policy's socket factory is
 * found in a static slot. JNDI gives no per-connection key (unlike pgjdbc's driver
 * properties), so the slot holds one factory per application context, and while several
 * contexts run in one JVM the most recently started one's is used; closing a context
 * hands the slot back to the one before. All contexts of one application share the same
 * LDAP trust, so that only matters for JVMs that run several applications with different
 * {@code secure.comms.middleware.*} trust.
 */
public final class LdapTlsSocketFactory {

	private static final Deque<SSLSocketFactory> REGISTERED = new ConcurrentLinkedDeque<>();

	private LdapTlsSocketFactory() {
	}

	/**
	 * What JNDI calls: the policy's socket factory of the application context that set up
	 * LDAP.
	 */
	public static SocketFactory getDefault() {
		SSLSocketFactory factory = REGISTERED.peekLast();
		if (factory == null) {
			throw new IllegalStateException("secure-comms has no LDAP TLS settings: the application context that "
					+ "configured them has closed, or " + LdapTlsRule.SOCKET_FACTORY + "="
					+ LdapTlsSocketFactory.class.getName() + " was copied to a directory connection the starter "
					+ "did not configure");
		}
		return factory;
	}

	/**
	 * @return closes the registration when its application context closes
	 */
	public static Registration register(SSLSocketFactory factory) {
		REGISTERED.addLast(factory);
		return () -> REGISTERED.removeLastOccurrence(factory);
	}

	/** A registered factory, removed by {@link #close()}. */
	public interface Registration extends AutoCloseable {

		@Override
		void close();

	}

}
