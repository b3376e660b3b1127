package io.securecomms.autoconfigure;

import io.securecomms.middleware.LdapContextSourceTls;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.ldap.core.support.AbstractContextSource;
import org.springframework.util.ClassUtils;

/**
 * Every Spring LDAP context source (Boot's from {@code spring.ldap.*}, or the
 * application's own, such as Spring Security's) connects with verified TLS:
 * {@code ldaps://}, or StartTLS that is required. Boot offers no customizer for the
 * context source, so it is changed before it initialises.
 */
@AutoConfiguration(after = SecureCommsMiddlewareAutoConfiguration.class)
@ConditionalOnClass(AbstractContextSource.class)
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsLdapAutoConfiguration {

	private static final String CONNECTION_DETAILS = "org.springframework.boot.ldap.autoconfigure.LdapConnectionDetails";

	private static final String PROPERTIES_CONNECTION_DETAILS = "org.springframework.boot.ldap.autoconfigure."
			+ "PropertiesLdapConnectionDetails";

	@Bean
	LdapContextSourceTls secureCommsLdapContextSourceTls(MiddlewareTls tls, MiddlewareConnections connections) {
		return new LdapContextSourceTls(tls, connections);
	}

	/**
	 * Static, and the TLS fetched lazily, so that post-processing does not pull the
	 * policy in early.
	 */
	@Bean
	static BeanPostProcessor secureCommsLdapContextSourcePostProcessor(ObjectProvider<LdapContextSourceTls> tls,
			ListableBeanFactory beans, Environment environment) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractContextSource source) {
					tls.getObject()
						.apply(beanName, source,
								LdapContextSourceTls.isBoots(beanName, source) && onBootDefaults(beans, environment));
				}
				return bean;
			}

		};
	}

	/**
	 * Boot builds a context source for {@code ldap://localhost:389} whenever Spring LDAP
	 * is on the class path; it is in use once {@code spring.ldap.urls} is set or
	 * connection details (Testcontainers, Docker Compose) name the directory.
	 */
	static boolean onBootDefaults(ListableBeanFactory beans, Environment environment) {
		if (Binder.get(environment).bind("spring.ldap.urls", Bindable.of(String[].class)).isBound()) {
			return false;
		}
		if (!ClassUtils.isPresent(CONNECTION_DETAILS, null)) {
			return true;
		}
		for (String name : beans.getBeanNamesForType(ClassUtils.resolveClassName(CONNECTION_DETAILS, null), false,
				false)) {
			Class<?> type = beans.getType(name, false);
			if (type == null || !PROPERTIES_CONNECTION_DETAILS.equals(type.getName())) {
				return false;
			}
		}
		return true;
	}

}
