package io.securecomms.test;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An independent TLS scanner against a running port: Debian's {@code testssl} (package
 * {@code testssl.sh}), with its findings read from its JSON and judged against what
 * secure-comms promises of a server port (only TLS 1.2 and 1.3, only forward-secret AEAD
 * suites in the server's order, HSTS for a year, no vulnerability, no compression, no
 * insecure renegotiation). Each judgement returns the findings that break it, empty when
 * the port holds.
 * <p>
 * The checks: {@code -p} protocols, {@code -s} cipher categories, {@code -f} forward
 * secrecy, {@code -E} every suite per protocol, {@code -P} server preferences, {@code -h}
 * HTTP headers, {@code -U} every vulnerability check. Not run by default: {@code -S},
 * whose certificate findings judge a certificate from a public CA and fail by design for
 * a private one, and the slow informational {@code -c} and {@code -g}. Nothing contacts
 * CRL, OCSP or DNS servers. A caller that can satisfy more checks (a private CA named
 * with {@code --add-ca}, revocation endpoints of its own) adds them with
 * {@link #scan(String, String, Path, List, List)}, and judges their findings with
 * {@link Findings#atLeast}.
 */
public final class Testssl {

	private static final String COMMAND = "testssl";

	private static final List<String> CHECKS = List.of("-p", "-s", "-f", "-E", "-P", "-h", "-U");

	/** testssl's severities from LOW up, in order. */
	private static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "HIGH", "CRITICAL");

	private static final List<String> LEGACY_PROTOCOLS = List.of("SSLv2", "SSLv3", "TLS1", "TLS1_1");

	/**
	 * NULL, anonymous, EXPORT, LOW (DES, RC2, RC4), 3DES and IDEA, and "AVERAGE" (the
	 * obsolete CBC suites).
	 */
	private static final List<String> WEAK_CIPHER_CATEGORIES = List.of("cipherlist_NULL", "cipherlist_aNULL",
			"cipherlist_EXPORT", "cipherlist_LOW", "cipherlist_3DES_IDEA", "cipherlist_AVERAGE");

	/** TLS 1.3 AES-GCM and ChaCha20-Poly1305, and TLS 1.2 (EC)DHE with the same. */
	private static final Pattern FORWARD_SECRET_AEAD = Pattern
		.compile("TLS_((ECDHE|DHE)_(ECDSA|RSA)_WITH_)?" + "(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)");

	private static final Pattern HSTS_SECONDS = Pattern.compile("\\(=(\\d+) seconds\\)");

	/**
	 * Matches "VULNERABLE", "potentially vulnerable", "likely VULNERABLE", but not "not
	 * vulnerable".
	 */
	private static final Pattern VULNERABLE = Pattern.compile("(?i)(?<!not )vulnerable");

	private Testssl() {
	}

	/** Whether {@code testssl} is on the {@code PATH} (for {@code @EnabledIf}). */
	public static boolean isOnThePath() {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.anyMatch((dir) -> Files.isExecutable(Path.of(dir, COMMAND)));
	}

	/**
	 * Starts scanning {@code url} on 127.0.0.1; its JSON, log and console output go to
	 * {@code outputDirectory} as {@code <name>.json}, {@code <name>.log} and
	 * {@code <name>-console.txt}.
	 * @param options more testssl options (say, {@code --openssl} with a wrapper that
	 * presents a client certificate)
	 */
	public static Scanning scan(String name, String url, Path outputDirectory, List<String> options)
			throws IOException {
		return scan(name, url, outputDirectory, options, List.of());
	}

	/**
	 * Starts scanning {@code url} as {@link #scan(String, String, Path, List)} does, with
	 * more checks than the fixed ones.
	 * @param options more testssl options
	 * @param additionalChecks check flags run after the fixed ones (say, {@code -S} for
	 * the server defaults: certificate, revocation, stapling, session tickets); a flag
	 * that is already among them is not repeated
	 */
	public static Scanning scan(String name, String url, Path outputDirectory, List<String> options,
			List<String> additionalChecks) throws IOException {
		Files.createDirectories(outputDirectory);
		Scanning scanning = new Scanning(name, outputDirectory);
		Files.deleteIfExists(scanning.json());
		Files.deleteIfExists(scanning.log());
		List<String> command = new ArrayList<>(List.of(COMMAND, "--quiet", "--color", "0", "--warnings", "off", "--ip",
				"127.0.0.1", "--nodns", "none", "--connect-timeout", "10", "--openssl-timeout", "10"));
		command.addAll(options);
		command.addAll(CHECKS);
		additionalChecks.stream().filter((check) -> !CHECKS.contains(check)).distinct().forEach(command::add);
		command.addAll(List.of("--jsonfile", scanning.json().toString(), "--logfile", scanning.log().toString(), url));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(outputDirectory.resolve(name + "-console.txt").toFile());
		// testssl grades HSTS max-age against this many days (180 by default)
		builder.environment().put("HSTS_MIN", "365");
		scanning.process = builder.start();
		scanning.process.getOutputStream().close();
		return scanning;
	}

	/** A scan under way. */
	public static final class Scanning implements AutoCloseable {

		private final String name;

		private final Path directory;

		private Process process;

		private Scanning(String name, Path directory) {
			this.name = name;
			this.directory = directory;
		}

		Path json() {
			return this.directory.resolve(this.name + ".json");
		}

		Path log() {
			return this.directory.resolve(this.name + ".log");
		}

		/**
		 * The findings, once the scan ended. testssl's exit code is no verdict (it exits
		 * with 1 after some checks that found a weakness): a scan that could not run
		 * reports {@code scanProblem} or {@code FATAL}, which fails here.
		 * @throws IllegalStateException when the scan did not end in time or could not
		 * run
		 */
		public Findings await(Duration timeout) throws IOException, InterruptedException {
			if (!this.process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				throw new IllegalStateException(
						"testssl did not finish scanning " + this.name + " within " + timeout + ", see " + log());
			}
			if (!Files.isRegularFile(json())) {
				throw new IllegalStateException("testssl wrote no findings for " + this.name + ", see "
						+ this.directory.resolve(this.name + "-console.txt"));
			}
			List<Finding> findings = new ArrayList<>();
			for (JsonNode finding : JsonMapper.shared().readTree(json().toFile())) {
				findings.add(new Finding(finding.path("id").asString(), finding.path("severity").asString(),
						finding.path("finding").asString()));
			}
			Findings result = new Findings(this.name, findings);
			List<Finding> problems = result
				.matching((finding) -> finding.id().equals("scanProblem") || finding.severity().equals("FATAL"));
			if (!problems.isEmpty()) {
				throw new IllegalStateException(this.name + ": testssl could not scan: " + problems + ", see " + log());
			}
			return result;
		}

		@Override
		public void close() {
			if (this.process != null) {
				this.process.descendants().forEach(ProcessHandle::destroyForcibly);
				this.process.destroyForcibly();
			}
		}

	}

	/** What one scan found, and each of the server promises judged on it. */
	public record Findings(String name, List<Finding> findings) {

		public Optional<Finding> find(String id) {
			return this.findings.stream().filter((finding) -> finding.id().equals(id)).findFirst();
		}

		List<Finding> matching(java.util.function.Predicate<Finding> predicate) {
			return this.findings.stream().filter(predicate).toList();
		}

		/** SSLv2 to TLS 1.1 not offered, TLS 1.2 and 1.3 offered. */
		public List<String> protocolProblems() {
			List<String> problems = new ArrayList<>();
			LEGACY_PROTOCOLS.forEach((protocol) -> expect(problems, protocol, "not offered"));
			expect(problems, "TLS1_2", "offered");
			expect(problems, "TLS1_3", "offered");
			return problems;
		}

		/**
		 * Every offered suite forward-secret AEAD, no weak category, forward secrecy
		 * offered.
		 */
		public List<String> cipherSuiteProblems() {
			List<String> problems = new ArrayList<>();
			List<Finding> suites = matching((finding) -> finding.id().startsWith("cipher-"));
			if (suites.isEmpty()) {
				problems.add("no 'cipher-<protocol>_<hexcode>' finding (no offered suite listed)");
			}
			suites.stream()
				.filter((suite) -> !FORWARD_SECRET_AEAD.matcher(suite.ianaCipherSuite()).matches())
				.forEach((suite) -> problems.add("not a forward-secret AEAD suite: " + suite));
			WEAK_CIPHER_CATEGORIES.forEach((category) -> expect(problems, category, "not offered"));
			expect(problems, "PFS", "offered");
			return problems;
		}

		/**
		 * The server's order for TLS 1.2 and below, and for TLS 1.3 too unless the server
		 * lets the client choose among its TLS 1.3 suites (BoringSSL does: every TLS 1.3
		 * suite is an AEAD one, which {@link #cipherSuiteProblems()} judges), which
		 * testssl rates OK as well.
		 */
		public List<String> cipherOrderProblems() {
			Optional<Finding> order = find("cipher_order");
			return (order.isPresent() && (order.get().finding().equals("server")
					|| order.get().finding().equals("server -- TLS 1.3 client determined"))) ? List.of()
							: List
								.of("cipher_order is not 'server': " + order.map(Finding::toString).orElse("missing"));
		}

		/**
		 * {@code Strict-Transport-Security} with a max-age of at least {@code minimum}.
		 */
		public List<String> hstsProblems(Duration minimum) {
			Optional<Finding> hsts = find("HSTS_time");
			if (hsts.isEmpty()) {
				return List.of("no HSTS_time finding: " + find("HSTS").map(Finding::toString).orElse("no HSTS at all"));
			}
			Matcher seconds = HSTS_SECONDS.matcher(hsts.get().finding());
			long maxAge = seconds.find() ? Long.parseLong(seconds.group(1)) : -1;
			return (maxAge >= minimum.toSeconds()) ? List.of()
					: List.of("HSTS max-age below " + minimum.toSeconds() + " seconds: " + hsts.get());
		}

		/**
		 * CRITICAL or HIGH findings, and any that reads vulnerable (MEDIUM/LOW header
		 * advice does not count).
		 */
		public List<String> vulnerabilities() {
			return matching(Finding::isVulnerable).stream().map(Finding::toString).toList();
		}

		/**
		 * Every finding of {@code severity} or worse (testssl's order: LOW, MEDIUM, HIGH,
		 * CRITICAL), and every {@code WARN} (a check that could not be made is no pass),
		 * but those whose id is one of {@code exceptIds}.
		 */
		public List<String> atLeast(String severity, java.util.Collection<String> exceptIds) {
			int threshold = SEVERITIES.indexOf(severity);
			if (threshold < 0) {
				throw new IllegalArgumentException("not one of " + SEVERITIES + ": " + severity);
			}
			return matching((finding) -> !exceptIds.contains(finding.id())
					&& (SEVERITIES.indexOf(finding.severity()) >= threshold || finding.severity().equals("WARN")))
				.stream()
				.map(Finding::toString)
				.toList();
		}

		/**
		 * No TLS compression (CRIME), secure renegotiation supported, no client-initiated
		 * renegotiation.
		 */
		public List<String> compressionAndRenegotiationProblems() {
			List<String> problems = new ArrayList<>();
			expectOk(problems, "CRIME_TLS", "not vulnerable", true);
			expectOk(problems, "secure_renego", "supported", true);
			expectOk(problems, "secure_client_renego", "not vulnerable", false);
			return problems;
		}

		private void expect(List<String> problems, String id, String prefix) {
			Optional<Finding> finding = find(id);
			if (finding.isEmpty() || !finding.get().finding().startsWith(prefix)) {
				problems.add(id + " should start with '" + prefix + "': "
						+ finding.map(Finding::toString).orElse("missing"));
			}
		}

		private void expectOk(List<String> problems, String id, String text, boolean prefix) {
			Optional<Finding> finding = find(id);
			boolean holds = finding.isPresent() && finding.get().severity().equals("OK")
					&& (prefix ? finding.get().finding().startsWith(text) : finding.get().finding().contains(text));
			if (!holds) {
				problems.add(id + " should be OK, '" + text + "': " + finding.map(Finding::toString).orElse("missing"));
			}
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** One testssl finding. */
	public record Finding(String id, String severity, String finding) {

		boolean isVulnerable() {
			return this.severity.equals("CRITICAL") || this.severity.equals("HIGH")
					|| VULNERABLE.matcher(this.finding).find();
		}

		/**
		 * The last column of a {@code -E} finding, such as
		 * {@code TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384}.
		 */
		String ianaCipherSuite() {
			String[] columns = this.finding.trim().split("\\s+");
			return columns[columns.length - 1];
		}

		@Override
		public String toString() {
			return this.id + " [" + this.severity + "] " + this.finding;
		}

	}

}
