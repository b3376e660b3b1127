package io.securecomms.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.securecomms.actuate.PostureReport.CertificatePosture;
import io.securecomms.actuate.PostureReport.Check;
import io.securecomms.actuate.PostureReport.DataSourcePosture;
import io.securecomms.actuate.PostureReport.LibraryPosture;
import io.securecomms.actuate.PostureReport.JvmDefaultPosture;
import io.securecomms.actuate.PostureReport.MiddlewarePosture;
import io.securecomms.actuate.PostureReport.TargetPosture;
import io.securecomms.policy.CipherSuiteStrength;
import io.securecomms.policy.TlsProtocol;
import io.securecomms.server.ConnectorInventory.ConnectorPosture;
import org.jspecify.annotations.Nullable;

/**
 * Turns the posture into one verdict per requirement (OWASP ASVS 5.0 numbering), each
 * saying why.
 *
 * @param protocols the policy's protocols
 * @param cipherSuites the policy's suites
 * @param connectors the listening connectors
 * @param targets the outbound HTTP settings, {@code default} first
 * @param allowPlaintext whether HTTP clients may send {@code http://}
 * @param uncoveredClients client beans on a factory of their own
 * ({@code RestTemplate bean 'x'})
 * @param dataSources the data sources
 * @param jdbcTrustBundle the JDBC trust bundle, or {@code null}
 * @param jdbcRevocation the JDBC revocation mode
 * @param certificates the certificates presented and trusted
 * @param middleware the middleware connections
 * @param jvmDefault the JVM's default SSL context, {@code null} when not known (no check)
 * @param libraries the TLS libraries on the class path, empty when they were not checked
 */
record PostureChecks(List<String> protocols, List<String> cipherSuites, List<ConnectorPosture> connectors,
		List<TargetPosture> targets, boolean allowPlaintext, List<String> uncoveredClients,
		List<DataSourcePosture> dataSources, @Nullable String jdbcTrustBundle, String jdbcRevocation,
		List<CertificatePosture> certificates, List<MiddlewarePosture> middleware,
		@Nullable JvmDefaultPosture jvmDefault, List<LibraryPosture> libraries) {

	PostureChecks(List<String> protocols, List<String> cipherSuites, List<ConnectorPosture> connectors,
			List<TargetPosture> targets, boolean allowPlaintext, List<String> uncoveredClients,
			List<DataSourcePosture> dataSources, @Nullable String jdbcTrustBundle, String jdbcRevocation,
			List<CertificatePosture> certificates, List<MiddlewarePosture> middleware) {
		this(protocols, cipherSuites, connectors, targets, allowPlaintext, uncoveredClients, dataSources,
				jdbcTrustBundle, jdbcRevocation, certificates, middleware, null, List.of());
	}

	private static final String ASVS = "OWASP ASVS 5.0 ";

	private static final String UNCONFIGURED = "unconfigured";

	private static final Set<String> ENCRYPTED_DATA_SOURCES = Set.of("verified", "upgraded", "allowed");

	List<Check> evaluate() {
		List<Check> checks = new ArrayList<>();
		checks.add(protocolVersions());
		checks.add(cipherSuiteStrength());
		checks.add(noFallback());
		checks.add(tlsEverywhere());
		checks.add(certificateValidation());
		checks.add(namedTrust());
		checks.add(mutualAuthentication());
		checks.add(revocation());
		if (this.jvmDefault != null) {
			checks.add(jvmDefaultContext(this.jvmDefault));
		}
		checks.add(new Check(ASVS + "V16.3.4", "backend TLS connection failures are logged", Check.PASS,
				"every failed handshake, inbound and outbound, is logged (rate-limited WARN with the peer certificate) "
						+ "and counted on secure.comms.tls.handshake.failures"));
		checks.add(expiry());
		checks.add(knownFlaws());
		return checks;
	}

	private Check protocolVersions() {
		List<String> weak = new ArrayList<>();
		this.protocols.stream().filter((protocol) -> TlsProtocol.weakness(protocol).isPresent()).forEach(weak::add);
		for (ConnectorPosture connector : tlsConnectors()) {
			connector.protocols()
				.stream()
				.filter((protocol) -> TlsProtocol.weakness(protocol.replace("+", "")).isPresent())
				.forEach((protocol) -> weak.add(connector.server() + " port " + connector.port() + ": " + protocol));
		}
		return verdict("V12.1.1", "only TLS 1.2 and later", weak,
				"every channel offers " + String.join(", ", this.protocols));
	}

	private Check cipherSuiteStrength() {
		List<String> weak = this.cipherSuites.stream()
			.filter((suite) -> CipherSuiteStrength.weakness(suite).isPresent())
			.toList();
		return verdict("V12.1.2", "only AEAD suites with forward secrecy, strongest first", weak,
				this.cipherSuites.size() + " suites, strongest first: " + this.cipherSuites.get(0));
	}

	private Check noFallback() {
		List<String> fallbacks = new ArrayList<>();
		if (this.allowPlaintext) {
			fallbacks.add("secure.comms.client.allow-plaintext=true");
		}
		this.dataSources.stream()
			.filter((dataSource) -> dataSource.status().equals("weakened"))
			.forEach((dataSource) -> fallbacks
				.add("data source '" + dataSource.name() + "': " + dataSource.verification()));
		judgedMiddleware().filter((connection) -> !connection.status().equals("tls"))
			.forEach((connection) -> fallbacks.add(describe(connection)));
		return verdict("V12.2.1", "no fallback to plaintext or unverified TLS", fallbacks,
				"HTTP clients refuse http://, data sources verify the server, no protocol below TLS 1.2");
	}

	private Check tlsEverywhere() {
		List<String> plaintext = new ArrayList<>();
		this.connectors.stream()
			.filter((connector) -> connector.type().equals(ConnectorPosture.PLAINTEXT))
			.forEach((connector) -> plaintext
				.add(connector.server() + " port " + connector.port() + " serves plaintext"));
		this.dataSources.stream()
			.filter((dataSource) -> !dataSource.status().equals("in_process")
					&& !ENCRYPTED_DATA_SOURCES.contains(dataSource.status()))
			.forEach((dataSource) -> plaintext
				.add("data source '" + dataSource.name() + "' (" + dataSource.status() + ")"));
		if (this.allowPlaintext) {
			plaintext.add("HTTP clients may send http://");
		}
		this.uncoveredClients.forEach((client) -> plaintext.add(client + " runs on a factory of its own, unchecked"));
		judgedMiddleware().filter((connection) -> !connection.status().equals("tls"))
			.forEach((connection) -> plaintext.add(describe(connection)));
		return verdict("V12.3.1", "TLS on every connection (server, management, partners, databases, middleware)",
				plaintext,
				this.connectors.size() + " connectors (TLS, or redirect-only plaintext), " + this.dataSources.size()
						+ " data sources, " + judgedMiddleware().count()
						+ " middleware connections, HTTP clients on https:// only (Boot's builders and client beans; clients "
						+ "created at call time are not covered, see httpClients)");
	}

	private Check certificateValidation() {
		List<String> problems = new ArrayList<>();
		TargetPosture defaults = this.targets.get(0);
		if (defaults.trustBundle() == null && !defaults.includeJdkTrust()) {
			problems.add("HTTP clients have no trust configured (secure.comms.client.trust-bundle)");
		}
		boolean networkedDatabase = this.dataSources.stream()
			.anyMatch((dataSource) -> ENCRYPTED_DATA_SOURCES.contains(dataSource.status())
					|| dataSource.status().equals("weakened"));
		if (networkedDatabase && this.jdbcTrustBundle == null) {
			problems.add("data sources have no trust configured (secure.comms.jdbc.trust-bundle)");
		}
		this.dataSources.stream()
			.filter((dataSource) -> dataSource.status().equals("weakened"))
			.forEach(
					(dataSource) -> problems.add("data source '" + dataSource.name() + "' does not verify the server"));
		judgedMiddleware()
			.filter((connection) -> !connection.hostnameVerified() || connection.trustSource().equals("none"))
			.forEach((connection) -> problems
				.add(connection.channel() + " client " + connection.client() + " does not verify the server (trust: "
						+ connection.trustSource() + ", host name checked: " + connection.hostnameVerified() + ")"));
		return verdict("V12.3.2", "server certificates validated (chain, host name, policy)", problems,
				"PKIX against the configured anchors, host names checked on every channel, weak keys refused");
	}

	private Check namedTrust() {
		List<String> trusted = new ArrayList<>();
		this.targets.stream()
			.filter((target) -> target.trustBundle() != null)
			.forEach((target) -> trusted.add(target.name() + ": " + target.trustBundle()));
		if (this.jdbcTrustBundle != null) {
			trusted.add("jdbc: " + this.jdbcTrustBundle);
		}
		judgedMiddleware().filter((connection) -> !connection.trustSource().equals("none"))
			.forEach((connection) -> trusted.add(connection.channel() + ": " + connection.trustSource()));
		List<String> jdk = this.targets.stream()
			.filter(TargetPosture::includeJdkTrust)
			.map(TargetPosture::name)
			.toList();
		if (trusted.isEmpty()) {
			return new Check(ASVS + "V12.3.4", "internal CAs and self-signed certificates trusted only where named",
					jdk.isEmpty() ? Check.NOT_APPLICABLE : Check.PASS,
					jdk.isEmpty() ? "no trust configured" : "only the JDK's public CAs are trusted (" + jdk + ")");
		}
		return new Check(ASVS + "V12.3.4", "internal CAs and self-signed certificates trusted only where named",
				Check.PASS, "trust bundles: " + String.join(", ", trusted)
						+ (jdk.isEmpty() ? "; the JDK's CAs are not trusted" : "; the JDK's CAs also for " + jdk));
	}

	private Check mutualAuthentication() {
		List<ConnectorPosture> management = tlsConnectors().stream()
			.filter((connector) -> connector.server().equals("management"))
			.toList();
		List<String> identities = this.targets.stream()
			.filter((target) -> target.identityBundle() != null)
			.map((target) -> target.name() + ": " + target.identityBundle())
			.toList();
		if (management.isEmpty()) {
			return new Check(ASVS + "V12.3.5", "mutual TLS for sensitive connections", Check.NOT_APPLICABLE,
					"no separate management port"
							+ (identities.isEmpty() ? "" : "; client certificates: " + identities));
		}
		List<String> open = management.stream()
			.filter((connector) -> !connector.clientAuth().equals("required"))
			.map((connector) -> "management port " + connector.port() + " client-auth " + connector.clientAuth())
			.toList();
		return verdict("V12.3.5", "mutual TLS for sensitive connections", open, "management port requires client "
				+ "certificates" + (identities.isEmpty() ? "" : "; client certificates: " + identities));
	}

	private Check revocation() {
		List<String> off = new ArrayList<>();
		this.targets.stream()
			.filter((target) -> "off".equals(target.revocation()))
			.forEach((target) -> off.add("HTTP client " + target.name()));
		if ("off".equals(this.jdbcRevocation)) {
			off.add("jdbc");
		}
		return verdict("V12.1.4", "certificate revocation checked (OCSP, then CRL)", off,
				"HTTP clients: " + this.targets.get(0).revocation() + ", JDBC: " + this.jdbcRevocation);
	}

	private Check jvmDefaultContext(JvmDefaultPosture jvmDefault) {
		String title = "clients without an SSL context of their own (JVM default) validate servers on the policy";
		if (!"installed".equals(jvmDefault.status())) {
			return new Check(ASVS + "V12.3.2", title, Check.FAIL, "not covered: secure.comms.jvm-default.enabled=false "
					+ "leaves the JVM's default SSL context as the JVM has it (" + jvmDefault.trustSource()
					+ ", revocation " + jvmDefault.revocation() + ", " + String.join(", ", jvmDefault.protocols())
					+ ", failures not counted); set it to true to put them on the policy");
		}
		return new Check(ASVS + "V12.3.2", title, Check.PASS, "the JVM's default SSL context, HttpsURLConnection's "
				+ "socket factory and host name verifier are on the policy ("
				+ String.join(", ", jvmDefault.protocols()) + "; trust: " + jvmDefault.trustSource() + "; revocation "
				+ jvmDefault.revocation() + "), failures counted on channel=jvm-default; " + jvmDefault.notCovered());
	}

	private Check expiry() {
		List<String> soon = this.certificates.stream()
			.filter(CertificatePosture::expiresSoon)
			.map((certificate) -> certificate.subject() + " (" + certificate.bundle() + ") in " + certificate.daysLeft()
					+ " days")
			.distinct()
			.toList();
		return new Check("operations", "no certificate expires within 14 days",
				soon.isEmpty() ? Check.PASS : Check.FAIL,
				soon.isEmpty() ? this.certificates.size() + " certificates checked" : String.join("; ", soon));
	}

	private Check knownFlaws() {
		String title = "TLS libraries free of known flaws that defeat verification";
		if (this.libraries.isEmpty()) {
			return new Check(ASVS + "V15.2.1", title, Check.NOT_APPLICABLE, "the libraries were not checked");
		}
		List<String> problems = this.libraries.stream()
			.filter((library) -> !library.advisory().isEmpty())
			.map((library) -> library.name() + " " + library.version() + " (" + library.status() + "): "
					+ library.advisory())
			.toList();
		return verdict("V15.2.1", title, problems,
				this.libraries.size() + " libraries checked against the known flaws (see libraries), none applies");
	}

	private List<ConnectorPosture> tlsConnectors() {
		return this.connectors.stream().filter((connector) -> connector.type().equals(ConnectorPosture.TLS)).toList();
	}

	private static Check verdict(String requirement, String title, List<String> problems, String whenPassing) {
		return problems.isEmpty() ? new Check(ASVS + requirement, title, Check.PASS, whenPassing) : new Check(
				ASVS + requirement, title, Check.FAIL, problems.stream().distinct().collect(Collectors.joining("; ")));
	}

	/**
	 * The middleware connections the application configured: Boot's unconfigured defaults
	 * are only listed.
	 */
	private Stream<MiddlewarePosture> judgedMiddleware() {
		return this.middleware.stream().filter((connection) -> !connection.status().equals(UNCONFIGURED));
	}

	private static String describe(MiddlewarePosture connection) {
		return connection.channel() + " client " + connection.client() + " (" + connection.status() + ")";
	}

}
