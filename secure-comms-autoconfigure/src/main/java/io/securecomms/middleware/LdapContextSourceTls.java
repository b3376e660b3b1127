package io.securecomms.middleware;

import java.lang.reflect.Field;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.securecomms.metrics.Channel;
import io.securecomms.middleware.LdapTlsRule.LdapSettings;
import io.securecomms.policy.Violation;
import io.securecomms.trust.PolicySslContext;
import org.jspecify.annotations.Nullable;

import org.springframework.ldap.core.support.AbstractContextSource;
import org.springframework.ldap.core.support.AbstractTlsDirContextAuthenticationStrategy;
import org.springframework.ldap.core.support.LdapContextSource;
import org.springframework.util.ReflectionUtils;

/**
 * Puts a Spring LDAP context source (Boot's {@code ldapContextSource}, or one of the
 * application's, such as Spring Security's) on verified TLS before it initialises: for
 * {@code ldaps://} the starter's JNDI socket factory (the policy, the middleware trust,
 * the host name check, every handshake observed on the {@code ldap} channel); for
 * StartTLS the policy's socket factory on the StartTLS strategy. Its weaknesses go
 * through {@link MiddlewareConnections}, which applies the mode.
 */
public final class LdapContextSourceTls implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LdapContextSourceTls.class);

	/** Boot's bean, built from {@code spring.ldap.*}. */
	static final String BOOT_CONTEXT_SOURCE = "ldapContextSource";

	/**
	 * JNDI checks the host name itself and asks a StartTLS verifier only when that check
	 * failed: the answer is then no (the policy's sockets have checked the host name in
	 * the handshake already).
	 */
	static final HostnameVerifier NO_OTHER_HOST = (host, session) -> false;

	private final MiddlewareTls tls;

	private final MiddlewareConnections connections;

	private final LdapTlsRule rule = new LdapTlsRule(LdapTlsSocketFactory.class.getName());

	private @Nullable PolicySslContext context;

	private LdapTlsSocketFactory.@Nullable Registration registration;

	public LdapContextSourceTls(MiddlewareTls tls, MiddlewareConnections connections) {
		this.tls = tls;
		this.connections = connections;
	}

	/**
	 * Checks the context source and sets its TLS; call before it initialises.
	 * @param unconfigured whether it is Boot's context source on Boot's default URL
	 * ({@code spring.ldap.urls} unset and no connection details): LDAP on the class path
	 * but not pointed anywhere, left as it is
	 * @throws io.securecomms.policy.InsecureConfigurationException in enforce mode, when
	 * it is not on verified TLS
	 */
	public void apply(String beanName, AbstractContextSource source, boolean unconfigured) {
		List<String> urls = (source.getUrls() != null) ? Arrays.asList(source.getUrls()) : List.of();
		if (unconfigured) {
			logger.info("secure-comms does not check LDAP context source '" + beanName + "' " + urls
					+ ": spring.ldap.urls is not set; it is checked once spring.ldap.urls names the directory");
			this.connections.unconfigured(Channel.LDAP, "LDAP context source '" + beanName + "' (Boot's default)",
					String.join(",", LdapTlsRule.hosts(urls)), "spring.ldap.urls");
			return;
		}
		Map<String, Object> base = Objects.requireNonNullElse(field(AbstractContextSource.class, "baseEnv", source),
				Map.of());
		Map<String, Object> environment = new HashMap<>(base);
		AbstractTlsDirContextAuthenticationStrategy startTls = (field(AbstractContextSource.class,
				"authenticationStrategy", source) instanceof AbstractTlsDirContextAuthenticationStrategy strategy)
						? strategy : null;
		HostnameVerifier verifier = (startTls != null)
				? field(AbstractTlsDirContextAuthenticationStrategy.class, "hostnameVerifier", startTls) : null;
		boolean boot = isBoots(beanName, source);
		String described = "LDAP context source '" + beanName + "' ";
		LdapSettings settings = new LdapSettings(boot ? "spring.ldap.urls" : described + "urls",
				boot ? "spring.ldap.base-environment" : described + "base environment", urls, environment,
				startTls != null, (verifier != null) ? verifier.getClass().getName() : null,
				verifier != null && acceptsAnyHost(verifier),
				System.getProperty(LdapTlsRule.DISABLE_ENDPOINT_IDENTIFICATION));
		List<Violation> weaknesses = this.rule.weaknesses(settings);
		// A socket factory of the application's is left alone (report mode), and verifies
		// nothing the starter knows.
		boolean ownSocketFactory = this.rule.ownSocketFactory(environment) != null;
		this.connections.check(new MiddlewareConnection(Channel.LDAP, described.trim(), LdapTlsRule.hosts(urls),
				settings.tls() ? this.tls.trustSource(null, null) : "none", settings.tls() && !ownSocketFactory),
				weaknesses);
		if (ownSocketFactory) {
			return;
		}
		if (LdapTlsRule.ldaps(urls, environment)) {
			environment.put(LdapTlsRule.SOCKET_FACTORY, LdapTlsSocketFactory.class.getName());
			source.setBaseEnvironmentProperties(environment);
			register();
		}
		else if (startTls != null) {
			startTls.setSslSocketFactory(context().getSocketFactory());
			if (verifier == null) {
				startTls.setHostnameVerifier(NO_OTHER_HOST);
			}
		}
	}

	/** Whether it is the context source Boot builds from {@code spring.ldap.*}. */
	public static boolean isBoots(String beanName, AbstractContextSource source) {
		return BOOT_CONTEXT_SOURCE.equals(beanName) && source.getClass() == LdapContextSource.class;
	}

	private synchronized PolicySslContext context() {
		if (this.context == null) {
			// Boot has no SSL bundle property for LDAP: trust comes from
			// secure.comms.middleware.*.
			this.context = this.tls.sslContext(Channel.LDAP, null, null);
		}
		return this.context;
	}

	private synchronized void register() {
		if (this.registration == null) {
			this.registration = LdapTlsSocketFactory.register(context().getSocketFactory());
		}
	}

	@Override
	public synchronized void close() {
		if (this.registration != null) {
			this.registration.close();
			this.registration = null;
		}
	}

	/**
	 * Asks the verifier about a host for which no certificate was shown (a session before
	 * any handshake): a verifier that says yes accepts any host.
	 */
	static boolean acceptsAnyHost(HostnameVerifier verifier) {
		try {
			SSLContext unused = SSLContext.getInstance("TLS");
			unused.init(null, null, null);
			SSLSession noPeer = unused.createSSLEngine().getSession();
			return verifier.verify("secure-comms.invalid", noPeer);
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Spring LDAP offers no getters for what the starter must read before the context
	 * source initialises.
	 * @return the field's value, or {@code null} when it is {@code null} or there is no
	 * such field
	 */
	@SuppressWarnings("unchecked")
	private static <T> @Nullable T field(Class<?> type, String name, Object target) {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		return (T) ReflectionUtils.getField(field, target);
	}

}
