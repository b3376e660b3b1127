package io.securecomms.autoconfigure;

import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.TrustSettingsCheck;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;

/**
 * What every middleware channel shares: the policy SSL contexts ({@link MiddlewareTls})
 * and the record of middleware connections that applies the mode to their weaknesses
 * ({@link MiddlewareConnections}). Each integration's own configuration uses them.
 */
@AutoConfiguration(after = SecureCommsAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsMiddlewareAutoConfiguration {

	@Bean
	MiddlewareTls secureCommsMiddlewareTls(SecureCommsProperties properties, TlsPolicy policy,
			PolicyViolations violations, HandshakeEvents events, SslBundles bundles) {
		ClientTls tls = properties.getMiddleware().toClientTls(properties.getClient());
		violations.handle(new TrustSettingsCheck(bundles).check("secure.comms.middleware.", tls));
		return new MiddlewareTls(tls, policy, properties.getMode(), bundles, events);
	}

	@Bean
	MiddlewareConnections secureCommsMiddlewareConnections(SecureCommsProperties properties,
			PolicyViolations violations) {
		SecureCommsProperties.Middleware middleware = properties.getMiddleware();
		return new MiddlewareConnections(middleware.isRequireTls(), middleware.getPlaintextAllowed(), violations);
	}

}
