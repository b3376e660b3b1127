package io.securecomms.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.securecomms.client.OutboundTargets;
import io.securecomms.policy.Mode;
import io.securecomms.policy.TlsSettings;
import io.securecomms.server.ClientAuth;
import io.securecomms.server.ServerEngine;
import io.securecomms.server.HstsPolicy;
import io.securecomms.trust.ClientTls;
import io.securecomms.trust.IdentityPatterns;
import io.securecomms.trust.RevocationMode;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of secure-comms ({@code secure.comms.*}).
 */
@ConfigurationProperties("secure.comms")
public class SecureCommsProperties {

	/**
	 * Whether secure-comms hardens the application's communications. When false the
	 * starter changes nothing.
	 */
	private boolean enabled = true;

	/**
	 * What a violation does: 'enforce' stops startup (or refuses the connection);
	 * 'report' logs, counts and shows it and blocks nothing.
	 */
	private Mode mode = Mode.ENFORCE;

	private final Tls tls = new Tls();

	private final Server server = new Server();

	private final Management management = new Management();

	private final Client client = new Client();

	private final Jdbc jdbc = new Jdbc();

	private final Middleware middleware = new Middleware();

	private final Metrics metrics = new Metrics();

	private final JvmDefault jvmDefault = new JvmDefault();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Mode getMode() {
		return this.mode;
	}

	public void setMode(Mode mode) {
		this.mode = mode;
	}

	public Tls getTls() {
		return this.tls;
	}

	public Server getServer() {
		return this.server;
	}

	public Management getManagement() {
		return this.management;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Client getClient() {
		return this.client;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Middleware getMiddleware() {
		return this.middleware;
	}

	public JvmDefault getJvmDefault() {
		return this.jvmDefault;
	}

	public static class Tls {

		/**
		 * TLS profile: 'modern' (TLSv1.3 only) or 'intermediate' (TLSv1.3 and TLSv1.2
		 * with the Mozilla 6.0 intermediate AEAD/ECDHE suites, strongest first).
		 */
		private String profile = "intermediate";

		/**
		 * Protocols to enable, narrowing the profile's. Anything below TLSv1.2 is a
		 * violation.
		 */
		private List<String> protocols = new ArrayList<>();

		/**
		 * Cipher suites to enable, narrowing or re-ordering the profile's (strongest
		 * first). A suite outside the profile is a violation.
		 */
		private List<String> cipherSuites = new ArrayList<>();

		public String getProfile() {
			return this.profile;
		}

		public void setProfile(String profile) {
			this.profile = profile;
		}

		public List<String> getProtocols() {
			return this.protocols;
		}

		public void setProtocols(List<String> protocols) {
			this.protocols = protocols;
		}

		public List<String> getCipherSuites() {
			return this.cipherSuites;
		}

		public void setCipherSuites(List<String> cipherSuites) {
			this.cipherSuites = cipherSuites;
		}

		TlsSettings toSettings() {
			return new TlsSettings(this.profile, this.protocols, this.cipherSuites);
		}

	}

	public static class Server {

		/**
		 * Whether the web server must not listen without TLS ('server.ssl').
		 */
		private boolean requireTls = true;

		/**
		 * Optional plaintext port that answers every request with 308 to the same URL on
		 * the HTTPS port, and serves nothing else.
		 */
		private @Nullable Integer httpRedirectPort;

		/**
		 * Host name the redirect port sends callers to when their request names a host
		 * the server is not configured for (the request's own host is kept only when it
		 * is this name, a DNS or IP name of the server's certificates, 'server.address'
		 * or loopback). Default: the certificate's first DNS name; with none, such
		 * requests get 400.
		 */
		private @Nullable String httpRedirectHost;

		/**
		 * Client certificate authentication for callers: none, want or need. Never
		 * weakens 'server.ssl.client-auth'.
		 */
		private ClientAuth clientAuth = ClientAuth.NONE;

		/**
		 * Client certificates let in beyond chaining to the trust store, by identity:
		 * 'dn:CN=prometheus,OU=ops,O=Example' (subject DN, RFC 2253 canonical form),
		 * 'dns:prometheus.ops.example.org' or 'dns:*.ops.example.org' (SAN DNS name, '*'
		 * one leftmost label), 'uri:spiffe://example.org/ns/ops/sa/prometheus' or
		 * 'uri:spiffe://example.org/ns/ops/*' (SAN URI, a trailing '/*' anything below).
		 * A trusted certificate that matches none is refused in the handshake. Empty:
		 * every trusted certificate. Needs client authentication.
		 */
		private List<String> allowedClients = new ArrayList<>();

		/**
		 * Whether, with Spring Security, a request over mutual TLS is authenticated as
		 * its client certificate's identity (X.509 authentication on every filter chain,
		 * servlet or WebFlux; the principal's name is the SPIFFE ID, else the first SAN
		 * DNS name, else the subject DN).
		 */
		private boolean x509Principal = true;

		/**
		 * Whether the server staples OCSP responses to its certificate (sets the JVM-wide
		 * system property 'jdk.tls.server.enableStatusRequestExtension'). Each stapling
		 * port's OCSP responder is then probed, and an outage logged and counted on
		 * 'secure.comms.ocsp.staple.failures'.
		 */
		private boolean ocspStapling = false;

		/**
		 * The TLS implementation of the server's and the management port's connectors:
		 * 'jsse' (the JDK's) or 'openssl' (BoringSSL through Netty's tcnative, on Tomcat;
		 * add io.netty:netty-tcnative-boringssl-static). The policy, client
		 * authentication, allow-lists and handshake meters are the same on both.
		 */
		private ServerEngine engine = ServerEngine.JSSE;

		private final Hsts hsts = new Hsts();

		public boolean isRequireTls() {
			return this.requireTls;
		}

		public void setRequireTls(boolean requireTls) {
			this.requireTls = requireTls;
		}

		public @Nullable Integer getHttpRedirectPort() {
			return this.httpRedirectPort;
		}

		public void setHttpRedirectPort(@Nullable Integer httpRedirectPort) {
			this.httpRedirectPort = httpRedirectPort;
		}

		public @Nullable String getHttpRedirectHost() {
			return this.httpRedirectHost;
		}

		public void setHttpRedirectHost(@Nullable String httpRedirectHost) {
			this.httpRedirectHost = httpRedirectHost;
		}

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		public List<String> getAllowedClients() {
			return this.allowedClients;
		}

		public void setAllowedClients(List<String> allowedClients) {
			this.allowedClients = allowedClients;
		}

		public boolean isX509Principal() {
			return this.x509Principal;
		}

		public void setX509Principal(boolean x509Principal) {
			this.x509Principal = x509Principal;
		}

		public ServerEngine getEngine() {
			return this.engine;
		}

		public void setEngine(ServerEngine engine) {
			this.engine = engine;
		}

		public boolean isOcspStapling() {
			return this.ocspStapling;
		}

		public void setOcspStapling(boolean ocspStapling) {
			this.ocspStapling = ocspStapling;
		}

		public Hsts getHsts() {
			return this.hsts;
		}

	}

	public static class Hsts {

		/**
		 * Whether every HTTPS response carries a Strict-Transport-Security header.
		 */
		private boolean enabled = true;

		/**
		 * How long browsers remember to use HTTPS only (at least one year).
		 */
		private Duration maxAge = Duration.ofDays(730);

		/**
		 * Whether the header covers sub-domains.
		 */
		private boolean includeSubdomains = true;

		/**
		 * Whether the header asks to be preloaded into browsers.
		 */
		private boolean preload = false;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public boolean isIncludeSubdomains() {
			return this.includeSubdomains;
		}

		public void setIncludeSubdomains(boolean includeSubdomains) {
			this.includeSubdomains = includeSubdomains;
		}

		public boolean isPreload() {
			return this.preload;
		}

		public void setPreload(boolean preload) {
			this.preload = preload;
		}

		HstsPolicy toPolicy() {
			return new HstsPolicy(this.enabled, this.maxAge, this.includeSubdomains, this.preload);
		}

	}

	public static class Management {

		/**
		 * Client certificate authentication on a separate management port: none, want or
		 * need.
		 */
		private ClientAuth clientAuth = ClientAuth.NEED;

		/**
		 * Client certificates let in beyond chaining to the trust store, by identity:
		 * 'dn:CN=prometheus,OU=ops,O=Example' (subject DN, RFC 2253 canonical form),
		 * 'dns:prometheus.ops.example.org' or 'dns:*.ops.example.org' (SAN DNS name, '*'
		 * one leftmost label), 'uri:spiffe://example.org/ns/ops/sa/prometheus' or
		 * 'uri:spiffe://example.org/ns/ops/*' (SAN URI, a trailing '/*' anything below).
		 * A trusted certificate that matches none is refused in the handshake. Empty:
		 * every trusted certificate. Needs client authentication.
		 */
		private List<String> allowedClients = new ArrayList<>();

		public ClientAuth getClientAuth() {
			return this.clientAuth;
		}

		public void setClientAuth(ClientAuth clientAuth) {
			this.clientAuth = clientAuth;
		}

		public List<String> getAllowedClients() {
			return this.allowedClients;
		}

		public void setAllowedClients(List<String> allowedClients) {
			this.allowedClients = allowedClients;
		}

	}

	/**
	 * What an outbound connection trusts and presents, and how it checks revocation.
	 */
	public static class OutboundTrust {

		/**
		 * SSL bundle whose truststore holds the CAs or self-signed certificates to trust.
		 */
		private @Nullable String trustBundle;

		/**
		 * SSL bundle with the client certificate presented for mutual TLS.
		 */
		private @Nullable String identityBundle;

		/**
		 * Revocation checking of server certificates: off, soft-fail or hard-fail (OCSP,
		 * then CRL).
		 */
		private @Nullable RevocationMode revocation;

		public @Nullable String getTrustBundle() {
			return this.trustBundle;
		}

		public void setTrustBundle(@Nullable String trustBundle) {
			this.trustBundle = trustBundle;
		}

		public @Nullable String getIdentityBundle() {
			return this.identityBundle;
		}

		public void setIdentityBundle(@Nullable String identityBundle) {
			this.identityBundle = identityBundle;
		}

		public @Nullable RevocationMode getRevocation() {
			return this.revocation;
		}

		public void setRevocation(@Nullable RevocationMode revocation) {
			this.revocation = revocation;
		}

		ClientTls toClientTls(boolean includeJdkTrust, List<String> pins, IdentityPatterns serverIdentities) {
			return new ClientTls(this.trustBundle, includeJdkTrust, this.identityBundle, pins, this.revocation,
					serverIdentities);
		}

	}

	/**
	 * Outbound TLS settings a target may override.
	 */
	public static class ClientTarget extends OutboundTrust {

		/**
		 * Public-key pins, "sha256/<base64 SPKI hash>": at least one must match the
		 * certification path validated for the server (a certificate it merely sends
		 * along does not count).
		 */
		private List<String> pins = new ArrayList<>();

		public List<String> getPins() {
			return this.pins;
		}

		public void setPins(List<String> pins) {
			this.pins = pins;
		}

		ClientTls toClientTls(boolean includeJdkTrust) {
			return toClientTls(includeJdkTrust, this.pins, IdentityPatterns.none());
		}

	}

	public static class Client extends ClientTarget {

		/**
		 * Whether the JDK's own CA certificates (cacerts) are trusted besides the trust
		 * bundle.
		 */
		private boolean includeJdkTrust = false;

		/**
		 * Whether http:// URLs may be called. When false they are refused before any byte
		 * is sent.
		 */
		private boolean allowPlaintext = false;

		/**
		 * Overrides for named backends (hosts, trust-bundle, identity-bundle, pins,
		 * revocation, server-identities); the first target whose hosts match wins, and
		 * its name becomes the 'peer' tag.
		 */
		private Map<String, Target> targets = new LinkedHashMap<>();

		public Client() {
			setRevocation(RevocationMode.SOFT_FAIL);
		}

		public boolean isIncludeJdkTrust() {
			return this.includeJdkTrust;
		}

		public void setIncludeJdkTrust(boolean includeJdkTrust) {
			this.includeJdkTrust = includeJdkTrust;
		}

		public boolean isAllowPlaintext() {
			return this.allowPlaintext;
		}

		public void setAllowPlaintext(boolean allowPlaintext) {
			this.allowPlaintext = allowPlaintext;
		}

		public Map<String, Target> getTargets() {
			return this.targets;
		}

		public void setTargets(Map<String, Target> targets) {
			this.targets = targets;
		}

		OutboundTargets toTargets() {
			List<OutboundTargets.Target> named = this.targets.entrySet()
				.stream()
				.map((entry) -> new OutboundTargets.Target(entry.getKey(), entry.getValue().getHosts(),
						entry.getValue().toClientTls(entry.getKey())))
				.toList();
			return new OutboundTargets(toClientTls(this.includeJdkTrust), named);
		}

	}

	public static class Target extends ClientTarget {

		/**
		 * Hosts this target covers: exact names or "*.suffix" patterns.
		 */
		private List<String> hosts = new ArrayList<>();

		/**
		 * Identities the server's certificate must name besides its host name, for
		 * service meshes: "uri:<SAN URI, e.g. a SPIFFE ID, optionally ending in /*>",
		 * "dns:<SAN DNS name, optionally *.domain>" or "dn:<subject DN>". Checked after
		 * validation and pins; the server is refused unless one matches. Empty: no
		 * identity beyond the host name is required.
		 */
		private List<String> serverIdentities = new ArrayList<>();

		public List<String> getHosts() {
			return this.hosts;
		}

		public void setHosts(List<String> hosts) {
			this.hosts = hosts;
		}

		public List<String> getServerIdentities() {
			return this.serverIdentities;
		}

		public void setServerIdentities(List<String> serverIdentities) {
			this.serverIdentities = serverIdentities;
		}

		ClientTls toClientTls(String name) {
			return toClientTls(false, getPins(), IdentityPatterns
				.of("secure.comms.client.targets." + name + ".server-identities", this.serverIdentities));
		}

	}

	public static class Metrics {

		/**
		 * Distinct 'peer' tag values before new peers are tagged 'other'.
		 */
		private int maxPeers = 100;

		/**
		 * How long before it expires an SSL bundle's certificate is flagged: logged at
		 * WARN at startup and once a day, and 'expiresSoon' in the posture endpoint.
		 */
		private Duration expiryWarning = Duration.ofDays(14);

		public int getMaxPeers() {
			return this.maxPeers;
		}

		public void setMaxPeers(int maxPeers) {
			this.maxPeers = maxPeers;
		}

		public Duration getExpiryWarning() {
			return this.expiryWarning;
		}

		public void setExpiryWarning(Duration expiryWarning) {
			this.expiryWarning = expiryWarning;
		}

	}

	public static class Jdbc extends OutboundTrust {

		/**
		 * Whether every DataSource must connect with verified TLS: URLs that say nothing
		 * about TLS get the driver's verified-TLS parameters, URLs that weaken it are
		 * violations. False leaves JDBC URLs alone.
		 */
		private boolean requireTls = true;

		/**
		 * JDBC URL prefixes accepted as they are, for drivers the starter does not know
		 * (the team vouches that they verify the server).
		 */
		private List<String> allowedUrls = new ArrayList<>();

		public Jdbc() {
			setRevocation(RevocationMode.SOFT_FAIL);
		}

		public boolean isRequireTls() {
			return this.requireTls;
		}

		public void setRequireTls(boolean requireTls) {
			this.requireTls = requireTls;
		}

		public List<String> getAllowedUrls() {
			return this.allowedUrls;
		}

		public void setAllowedUrls(List<String> allowedUrls) {
			this.allowedUrls = allowedUrls;
		}

		ClientTls toClientTls() {
			return toClientTls(false, List.of(), IdentityPatterns.none());
		}

	}

	/**
	 * Redis, Kafka, RabbitMQ, MongoDB, Cassandra, Elasticsearch, LDAP and mail. Trust,
	 * identity and revocation apply where the client names no SSL bundle through Boot's
	 * own property; unset, they default to secure.comms.client.*.
	 */
	public static class Middleware extends OutboundTrust {

		/**
		 * Whether middleware connections must use verified TLS. False leaves them as
		 * configured (still shown in the posture report). Telemetry exporters are not
		 * middleware: this never lets a plaintext one through.
		 */
		private boolean requireTls = true;

		/**
		 * Channel tags that may stay plaintext or unverified (redis, kafka, rabbitmq,
		 * mongodb, cassandra, elasticsearch, ldap, mail, and monitoring for the telemetry
		 * exporters), each flagged in the posture report and the startup log.
		 */
		private List<String> plaintextAllowed = new ArrayList<>();

		public boolean isRequireTls() {
			return this.requireTls;
		}

		public void setRequireTls(boolean requireTls) {
			this.requireTls = requireTls;
		}

		public List<String> getPlaintextAllowed() {
			return this.plaintextAllowed;
		}

		public void setPlaintextAllowed(List<String> plaintextAllowed) {
			this.plaintextAllowed = plaintextAllowed;
		}

		/**
		 * These settings, with what is unset taken from the HTTP clients' defaults (never
		 * their pins).
		 */
		ClientTls toClientTls(Client client) {
			ClientTls defaults = new ClientTls(client.getTrustBundle(), client.isIncludeJdkTrust(), null, List.of(),
					client.getRevocation(), IdentityPatterns.none());
			return defaults.overriddenBy(toClientTls(false, List.of(), IdentityPatterns.none()));
		}

	}

	/**
	 * The JVM's default SSL context, used by every client that takes none of its own (the
	 * JDK HttpClient built with defaults, HttpsURLConnection, Micrometer's
	 * HttpUrlConnectionSender, vendor SDKs, JNDI).
	 */
	public static class JvmDefault {

		/**
		 * Whether the JVM's default SSL context, HttpsURLConnection's default socket
		 * factory and host name verifier are put on the policy (protocols, suites,
		 * secure.comms.client trust, identity, pins and revocation, failures counted on
		 * channel=jvm-default) while the application runs. False leaves them as the JVM
		 * has them.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
