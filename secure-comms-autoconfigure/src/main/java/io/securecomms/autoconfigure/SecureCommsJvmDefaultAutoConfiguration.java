package io.securecomms.autoconfigure;

import io.securecomms.jvm.JvmDefault;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.TrustSettingsCheck;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * The JVM's default SSL context on the policy while the application runs
 * ({@link JvmDefault}); put back when the context closes.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "secure.comms.jvm-default.enabled", matchIfMissing = true)
public class SecureCommsJvmDefaultAutoConfiguration {

	@Bean(destroyMethod = "close")
	JvmDefault secureCommsJvmDefault(SecureCommsProperties properties, TlsPolicy policy, PolicyViolations violations,
			HandshakeEvents events, SslBundles bundles) {
		ClientTls tls = properties.getClient().toTargets().defaults();
		// A bundle that does not exist stops startup naming the property, before anything
		// is installed.
		violations.handle(new TrustSettingsCheck(bundles).check("secure.comms.client.", tls));
		return JvmDefault.install(tls, policy, properties.getMode(), bundles, events);
	}

}
