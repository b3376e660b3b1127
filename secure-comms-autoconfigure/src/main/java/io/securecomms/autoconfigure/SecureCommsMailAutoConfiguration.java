package io.securecomms.autoconfigure;

import io.securecomms.middleware.MailSenderTls;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.mail.autoconfigure.MailProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Every {@link JavaMailSenderImpl} (Boot's from {@code spring.mail.*}, or the
 * application's own) sends over SMTPS or required STARTTLS with the policy's socket
 * factory; a plaintext or unverified sender is a violation.
 */
@AutoConfiguration(after = SecureCommsMiddlewareAutoConfiguration.class)
@ConditionalOnClass({ JavaMailSenderImpl.class, MailProperties.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsMailAutoConfiguration {

	@Bean
	MailSenderTls secureCommsMailSenderTls(MiddlewareTls tls, MiddlewareConnections connections) {
		return new MailSenderTls(tls, connections);
	}

	/**
	 * Static, and its collaborators fetched lazily, so that post-processing does not pull
	 * the policy in early. Boot's sender gets its JavaMail properties in its factory
	 * method, so they are complete after initialisation.
	 */
	@Bean
	static BeanPostProcessor secureCommsMailSenderPostProcessor(ObjectProvider<MailSenderTls> mailSenderTls,
			ObjectProvider<MailProperties> mailProperties) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JavaMailSenderImpl sender) {
					MailProperties boot = mailProperties.getIfAvailable();
					// Boot's sender from spring.mail.* only: one of the application's
					// own, or a session from JNDI,
					// may use another bundle or none, and its JavaMail properties are not
					// spring.mail.properties.
					boolean fromBoot = boot != null && boot.getHost() != null && boot.getJndiName() == null;
					mailSenderTls.getObject()
						.secure(beanName, sender, (fromBoot && boot != null) ? boot.getSsl().getBundle() : null,
								fromBoot);
				}
				return bean;
			}

		};
	}

}
