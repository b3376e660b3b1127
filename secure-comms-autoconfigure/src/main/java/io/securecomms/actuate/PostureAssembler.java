package io.securecomms.actuate;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import io.securecomms.actuate.PostureReport.CertificatePosture;
import io.securecomms.actuate.PostureReport.ClientBeanPosture;
import io.securecomms.actuate.PostureReport.DataSourcePosture;
import io.securecomms.actuate.PostureReport.MiddlewarePosture;
import io.securecomms.actuate.PostureReport.FailurePosture;
import io.securecomms.actuate.PostureReport.HttpClientsPosture;
import io.securecomms.actuate.PostureReport.JvmDefaultPosture;
import io.securecomms.actuate.PostureReport.LibraryPosture;
import io.securecomms.actuate.PostureReport.TargetPosture;
import io.securecomms.actuate.PostureReport.ViolationPosture;
import io.securecomms.client.HttpClientCoverage;
import io.securecomms.client.OutboundTargets;
import io.securecomms.dependencies.TlsLibraries;
import io.securecomms.jdbc.JdbcTlsAssessment;
import io.securecomms.metrics.RecentHandshakeFailures;
import io.securecomms.policy.Mode;
import io.securecomms.policy.PolicyViolations;
import io.securecomms.policy.TlsPolicy;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import io.securecomms.trust.CertificateExpiry;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.RevocationMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Gathers the posture report from the parts of the application that know it, at the
 * moment it is asked for.
 */
public final class PostureAssembler {

	/**
	 * A certificate expiring sooner than this is flagged unless
	 * {@code secure.comms.metrics.expiry-warning} says.
	 */
	static final Duration EXPIRY_WARNING = Duration.ofDays(14);

	private Duration expiryWarning = EXPIRY_WARNING;

	private final Mode mode;

	private final TlsPolicy policy;

	private final Outbound outbound;

	private final Jdbc jdbc;

	private final Supplier<List<ConnectorPosture>> connectors;

	private final Supplier<List<MiddlewarePosture>> middleware;

	private final SslBundles bundles;

	private final PolicyViolations violations;

	private final RecentHandshakeFailures failures;

	private final Supplier<@Nullable JvmDefaultPosture> jvmDefault;

	private final Supplier<@Nullable TlsLibraries> libraries;

	/**
	 * @param jvmDefault the JVM's default SSL context, or {@code null} when it is not
	 * known
	 * @param libraries the TLS libraries checked at startup, or {@code null} when they
	 * were not
	 */
	public PostureAssembler(Mode mode, TlsPolicy policy, Outbound outbound, Jdbc jdbc,
			Supplier<List<ConnectorPosture>> connectors, Supplier<List<MiddlewarePosture>> middleware,
			SslBundles bundles, PolicyViolations violations, RecentHandshakeFailures failures,
			Supplier<@Nullable JvmDefaultPosture> jvmDefault, Supplier<@Nullable TlsLibraries> libraries) {
		this.libraries = libraries;
		this.mode = mode;
		this.policy = policy;
		this.outbound = outbound;
		this.jdbc = jdbc;
		this.connectors = connectors;
		this.middleware = middleware;
		this.bundles = bundles;
		this.violations = violations;
		this.failures = failures;
		this.jvmDefault = jvmDefault;
	}

	/**
	 * Flags the certificates expiring within {@code expiryWarning}
	 * ({@code secure.comms.metrics.expiry-warning}).
	 */
	public PostureAssembler expiryWarning(Duration expiryWarning) {
		this.expiryWarning = expiryWarning;
		return this;
	}

	public PostureReport report() {
		List<ConnectorPosture> connectors = this.connectors.get();
		List<CertificatePosture> certificates = certificates(Instant.now());
		List<TargetPosture> targets = targets();
		HttpClientCoverage coverage = this.outbound.coverage().get();
		coverage = (coverage != null) ? coverage : new HttpClientCoverage();
		List<DataSourcePosture> dataSources = dataSources();
		List<MiddlewarePosture> middleware = this.middleware.get();
		List<LibraryPosture> libraries = libraries();
		String jdbcRevocation = this.jdbc.revocation().name().toLowerCase(Locale.ROOT).replace('_', '-');
		JvmDefaultPosture jvmDefault = this.jvmDefault.get();
		PostureChecks checks = new PostureChecks(this.policy.protocols(), this.policy.cipherSuites(), connectors,
				targets, this.outbound.allowPlaintext(), coverage.notCovered(), dataSources, this.jdbc.trustBundle(),
				jdbcRevocation, certificates, middleware, jvmDefault, libraries);
		return new PostureReport(this.mode.name().toLowerCase(Locale.ROOT),
				this.policy.profile().name().toLowerCase(Locale.ROOT), this.policy.protocols(),
				this.policy.cipherSuites(), connectors, certificates, targets, httpClients(coverage), dataSources,
				middleware, jvmDefault, libraries, violations(), recentFailures(), checks.evaluate());
	}

	private List<CertificatePosture> certificates(Instant now) {
		List<CertificatePosture> certificates = new ArrayList<>();
		for (String name : this.bundles.getBundleNames()) {
			try {
				SslBundle bundle = this.bundles.getBundle(name);
				KeyStore keyStore = bundle.getStores().getKeyStore();
				KeyStore trustStore = bundle.getStores().getTrustStore();
				if (keyStore != null) {
					for (String alias : Collections.list(keyStore.aliases())) {
						Certificate[] chain = keyStore.getCertificateChain(alias);
						for (Certificate certificate : (chain != null) ? chain : new Certificate[0]) {
							certificates.add(describe(name, "presents", (X509Certificate) certificate, now));
						}
					}
				}
				if (trustStore != null) {
					for (String alias : Collections.list(trustStore.aliases())) {
						if (trustStore.getCertificate(alias) instanceof X509Certificate certificate) {
							certificates.add(describe(name, "trusts", certificate, now));
						}
					}
				}
			}
			catch (KeyStoreException | RuntimeException ex) {
				// A bundle that cannot be read is reported at startup; the posture shows
				// what can be read.
			}
		}
		return certificates;
	}

	private CertificatePosture describe(String bundle, String role, X509Certificate certificate, Instant now) {
		Instant notAfter = certificate.getNotAfter().toInstant();
		long daysLeft = Duration.between(now, notAfter).toDays();
		return new CertificatePosture(bundle, role, certificate.getSubjectX500Principal().getName(),
				certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16), notAfter,
				daysLeft, CertificateExpiry.expiresSoon(certificate, now, this.expiryWarning));
	}

	private List<TargetPosture> targets() {
		List<TargetPosture> targets = new ArrayList<>();
		ClientTls defaults = this.outbound.targets().defaults();
		targets.add(target("default", List.of(), defaults));
		for (OutboundTargets.Target target : this.outbound.targets().targets()) {
			targets.add(target(target.name(), target.hosts(), defaults.overriddenBy(target.tls())));
		}
		return targets;
	}

	private static TargetPosture target(String name, List<String> hosts, ClientTls tls) {
		RevocationMode revocation = (tls.revocation() != null) ? tls.revocation() : RevocationMode.SOFT_FAIL;
		return new TargetPosture(name, hosts, tls.trustBundle(), tls.includeJdkTrust(), tls.identityBundle(),
				tls.pins(), revocation.name().toLowerCase(Locale.ROOT).replace('_', '-'),
				tls.serverIdentities().patterns());
	}

	private static HttpClientsPosture httpClients(HttpClientCoverage coverage) {
		return new HttpClientsPosture(HttpClientCoverage.COVERED, HttpClientCoverage.NOT_COVERED,
				coverage.beans()
					.stream()
					.map((bean) -> new ClientBeanPosture(bean.name(), bean.type(), bean.status().tag(), bean.detail()))
					.toList());
	}

	private List<DataSourcePosture> dataSources() {
		List<DataSourcePosture> dataSources = new ArrayList<>();
		for (Map.Entry<String, JdbcTlsAssessment> entry : this.jdbc.assessments().get().entrySet()) {
			JdbcTlsAssessment assessment = entry.getValue();
			dataSources.add(new DataSourcePosture(entry.getKey(), assessment.driver(), assessment.host(),
					assessment.status().name().toLowerCase(Locale.ROOT), assessment.verification()));
		}
		return dataSources;
	}

	private List<LibraryPosture> libraries() {
		TlsLibraries libraries = this.libraries.get();
		return (libraries != null) ? libraries.libraries()
			.stream()
			.map((library) -> new LibraryPosture(library.name(), library.version(), library.source(), library.status(),
					library.advisory()))
			.toList() : List.of();
	}

	private List<ViolationPosture> violations() {
		return this.violations.reported()
			.stream()
			.map((violation) -> new ViolationPosture(violation.property(), violation.value(), violation.problem(),
					violation.fix()))
			.toList();
	}

	private List<FailurePosture> recentFailures() {
		return this.failures.failures()
			.stream()
			.map((failure) -> new FailurePosture(failure.time(), failure.channel().tag(), failure.direction().tag(),
					failure.peer(), failure.reason().tag(), failure.message()))
			.toList();
	}

	/**
	 * The HTTP clients' settings.
	 *
	 * @param targets the default settings and the named targets
	 * @param allowPlaintext whether {@code http://} is allowed
	 * @param coverage which clients carry the policy, {@code null} without the HTTP
	 * client auto-configuration
	 */
	public record Outbound(OutboundTargets targets, boolean allowPlaintext,
			Supplier<@Nullable HttpClientCoverage> coverage) {
	}

	/**
	 * The data sources' settings.
	 *
	 * @param trustBundle the JDBC trust bundle, or {@code null}
	 * @param revocation the JDBC revocation mode
	 * @param assessments what the JDBC guard found, by bean name (empty without JDBC)
	 */
	public record Jdbc(@Nullable String trustBundle, RevocationMode revocation,
			Supplier<Map<String, JdbcTlsAssessment>> assessments) {
	}

}
