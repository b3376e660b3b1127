package io.securecomms.autoconfigure;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.dependencies.TlsLibraries;
import io.securecomms.metrics.HandshakeEvents;
import io.securecomms.metrics.HandshakeFailureLog;
import io.securecomms.metrics.HandshakeListener;
import io.securecomms.metrics.HandshakeMeters;
import io.securecomms.metrics.PeerTagLimiter;
import io.securecomms.policy.JvmTlsSupport;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.TlsPolicyResolver;
import io.securecomms.server.stapling.StapleFailureMeters;
import io.securecomms.server.stapling.StapleFailures;
import io.securecomms.server.stapling.StapleHealth;
import io.securecomms.server.stapling.StapleProbe;
import io.securecomms.trust.BundleReloadFailures;
import io.securecomms.trust.CertificateExpiry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The policy core and handshake observation that every channel uses.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SecureCommsProperties.class)
public class SecureCommsAutoConfiguration {

	@Bean
	PolicyViolations secureCommsPolicyViolations(SecureCommsProperties properties) {
		return new PolicyViolations(properties.getMode());
	}

	@Bean
	TlsPolicy secureCommsTlsPolicy(SecureCommsProperties properties, PolicyViolations violations) {
		TlsPolicyResolver.Resolution resolution = new TlsPolicyResolver(JvmTlsSupport.current())
			.resolve(properties.getTls().toSettings(), properties.getMode());
		violations.handle(resolution.violations());
		return resolution.policy();
	}

	/**
	 * The TLS libraries the application really runs on, checked against the known flaws
	 * (startup stops in enforce mode on a flawed one).
	 */
	@Bean
	TlsLibraries secureCommsTlsLibraries(PolicyViolations violations) {
		TlsLibraries libraries = TlsLibraries.check(SecureCommsAutoConfiguration.class.getClassLoader());
		violations.handle(libraries.violations());
		return libraries;
	}

	@Bean
	HandshakeFailureLog secureCommsHandshakeFailureLog() {
		return new HandshakeFailureLog();
	}

	@Bean
	HandshakeEvents secureCommsHandshakeEvents(ObjectProvider<HandshakeListener> listeners) {
		return new HandshakeEvents(listeners.orderedStream().toList());
	}

	/**
	 * Logs the bundles' certificates inside secure.comms.metrics.expiry-warning now and
	 * once a day.
	 */
	@Bean
	@ConditionalOnBean(SslBundles.class)
	CertificateExpiry secureCommsCertificateExpiry(SecureCommsProperties properties, SslBundles bundles) {
		CertificateExpiry expiry = new CertificateExpiry(bundles, properties.getMetrics().getExpiryWarning());
		expiry.start(Duration.ofDays(1));
		return expiry;
	}

	/**
	 * With {@code secure.comms.server.ocsp-stapling}, asks each stapling listener's OCSP
	 * responder once the web server has started and every half cache lifetime after, and
	 * logs and counts the listeners left without a staple (the JDK does neither).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerInitializedEvent")
	@ConditionalOnBooleanProperty("secure.comms.server.ocsp-stapling")
	static class StapleHealthConfiguration {

		@Bean
		StapleHealth secureCommsStapleHealth(ObjectProvider<StapleFailures> failures,
				ObjectProvider<SslBundles> bundles) {
			return new StapleHealth(new StapleProbe(), StapleHealth.period(System::getProperty),
					failures.orderedStream().toList(), bundles.getIfAvailable());
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(MeterRegistry.class)
		static class StapleFailureMetersConfiguration {

			@Bean
			StapleFailureMeters secureCommsStapleFailureMeters() {
				return new StapleFailureMeters();
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class HandshakeMetersConfiguration {

		@Bean
		HandshakeMeters secureCommsHandshakeMeters(SecureCommsProperties properties) {
			return new HandshakeMeters(new PeerTagLimiter(properties.getMetrics().getMaxPeers()));
		}

		/** Counts refused reloads of SSL bundles; closed with the context. */
		@Bean
		@ConditionalOnBean(SslBundles.class)
		BundleReloadFailures secureCommsBundleReloadFailures(SslBundles bundles) {
			return new BundleReloadFailures(bundles);
		}

	}

}
