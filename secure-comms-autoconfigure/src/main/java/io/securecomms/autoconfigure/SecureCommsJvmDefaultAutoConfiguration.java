package io.securecomms.autoconfigure;

import io.securecomms.jvm.JvmDefault;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.TlsPolicy;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * The JVM's default SSL context on the policy while the application runs ({@link JvmDefault}); put back when
 * the context closes.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "secure.comms.jvm-default.enabled", matchIfMissing = true)
public class SecureCommsJvmDefaultAutoConfiguration {

	@Bean(destroyMethod = "close")
	JvmDefault secureCommsJvmDefault(SecureCommsProperties properties, TlsPolicy policy, HandshakeEvents events,
			SslBundles bundles) {
		return JvmDefault.install(properties.getClient().toTargets().defaults(), policy, properties.getMode(), bundles,
				events);
	}

}
