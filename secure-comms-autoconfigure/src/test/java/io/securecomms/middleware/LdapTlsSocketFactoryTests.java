package io.securecomms.middleware;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LdapTlsSocketFactoryTests {

	@Test
	void jndiGetsTheNewestContextsFactoryAndTheOneBeforeOnceItCloses() throws Exception {
		SSLSocketFactory first = factory();
		SSLSocketFactory second = factory();
		try (LdapTlsSocketFactory.Registration one = LdapTlsSocketFactory.register(first)) {
			try (LdapTlsSocketFactory.Registration two = LdapTlsSocketFactory.register(second)) {
				assertThat(LdapTlsSocketFactory.getDefault()).isSameAs(second);
			}
			assertThat(LdapTlsSocketFactory.getDefault()).isSameAs(first);
		}
	}

	@Test
	void withoutARegisteredFactoryJndiIsToldWhy() {
		assertThatIllegalStateException().isThrownBy(LdapTlsSocketFactory::getDefault)
			.withMessageContaining("has no LDAP TLS settings");
	}

	@Test
	void jndiFindsThePublicStaticGetDefault() throws Exception {
		try (LdapTlsSocketFactory.Registration registration = LdapTlsSocketFactory.register(factory())) {
			// As com.sun.jndi.ldap.Connection does with java.naming.ldap.factory.socket.
			Object factory = Class.forName(LdapTlsSocketFactory.class.getName()).getMethod("getDefault").invoke(null);
			assertThat(factory).isInstanceOf(SSLSocketFactory.class);
		}
	}

	private static SSLSocketFactory factory() throws Exception {
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, null, null);
		return context.getSocketFactory();
	}

}
