package io.securecomms.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns {@link TlsSettings} into a {@link TlsPolicy}: the profile, narrowed as
 * configured, restricted to what the JVM supports. Settings may only narrow or re-order
 * inside the profile; anything else is a {@link Violation}. In {@link Mode#REPORT} a
 * weaker setting is applied as written (and reported).
 */
public final class TlsPolicyResolver {

	static final String PROFILE_PROPERTY = "secure.comms.tls.profile";

	static final String PROTOCOLS_PROPERTY = "secure.comms.tls.protocols";

	static final String CIPHER_SUITES_PROPERTY = "secure.comms.tls.cipher-suites";

	private final JvmTlsSupport jvm;

	public TlsPolicyResolver(JvmTlsSupport jvm) {
		this.jvm = jvm;
	}

	public Resolution resolve(TlsSettings settings, Mode mode) {
		List<Violation> violations = new ArrayList<>();
		TlsProfile profile = resolveProfile(settings.profile(), violations);
		List<String> protocols = resolveProtocols(profile, settings.protocols(), mode, violations);
		List<String> suites = resolveCipherSuites(profile, settings.cipherSuites(), protocols, mode, violations);
		return new Resolution(new TlsPolicy(profile, protocols, suites, TlsProfile.NAMED_GROUPS), violations);
	}

	private TlsProfile resolveProfile(String name, List<Violation> violations) {
		Optional<TlsProfile> profile = TlsProfile.fromName(name);
		if (profile.isEmpty()) {
			violations.add(Violation.insecure(PROFILE_PROPERTY, name, "'" + name + "' is not a TLS profile",
					"Set " + PROFILE_PROPERTY + " to one of " + profileNames()
							+ " (report mode falls back to 'intermediate')"));
		}
		return profile.orElse(TlsProfile.INTERMEDIATE);
	}

	private List<String> resolveProtocols(TlsProfile profile, List<String> requested, Mode mode,
			List<Violation> violations) {
		if (requested.isEmpty()) {
			return supportedProtocols(profile.protocols());
		}
		Set<String> resolved = new LinkedHashSet<>();
		for (String protocol : requested) {
			Optional<String> problem = protocolProblem(profile, protocol);
			if (problem.isPresent()) {
				violations.add(Violation.insecure(PROTOCOLS_PROPERTY, protocol, problem.get(),
						"Remove " + protocol + " from " + PROTOCOLS_PROPERTY + "; profile '" + profile.configName()
								+ "' allows " + profile.protocols()));
			}
			boolean keep = problem.isEmpty() || mode == Mode.REPORT;
			if (keep && this.jvm.supportsProtocol(protocol)) {
				resolved.add(protocol);
			}
		}
		if (resolved.isEmpty()) {
			// Every requested protocol was refused (and reported): fall back to the
			// profile's.
			return supportedProtocols(profile.protocols());
		}
		return List.copyOf(resolved);
	}

	private Optional<String> protocolProblem(TlsProfile profile, String protocol) {
		Optional<String> weakness = TlsProtocol.weakness(protocol);
		if (weakness.isPresent()) {
			return Optional.of(weakness.get() + "; only TLSv1.2 and later are allowed");
		}
		if (!this.jvm.supportsProtocol(protocol)) {
			return Optional.of("this JVM does not support protocol '" + protocol + "'");
		}
		if (!profile.protocols().contains(protocol)) {
			return Optional.of(protocol + " is not part of profile '" + profile.configName() + "'");
		}
		return Optional.empty();
	}

	private List<String> resolveCipherSuites(TlsProfile profile, List<String> requested, List<String> protocols,
			Mode mode, List<Violation> violations) {
		List<String> profileSuites = this.jvm.supportedOf(profile.cipherSuites());
		if (requested.isEmpty()) {
			return forProtocols(profileSuites, protocols);
		}
		Set<String> resolved = new LinkedHashSet<>();
		for (String suite : requested) {
			Optional<String> problem = suiteProblem(profile, suite);
			if (problem.isPresent()) {
				violations.add(Violation.insecure(CIPHER_SUITES_PROPERTY, suite, problem.get(), "Remove " + suite
						+ " from " + CIPHER_SUITES_PROPERTY + "; allowed, strongest first: " + profileSuites));
			}
			boolean keep = problem.isEmpty() || mode == Mode.REPORT;
			if (keep && this.jvm.supportsCipherSuite(suite)) {
				resolved.add(suite);
			}
		}
		// A list without TLS 1.3 suites silently turns TLS 1.3 off in JSSE: keep the
		// profile's.
		if (protocols.contains(TlsProtocol.TLS_1_3) && resolved.stream().noneMatch(TlsProtocol::isTls13Suite)) {
			List<String> withTls13 = new ArrayList<>(profileSuites.stream().filter(TlsProtocol::isTls13Suite).toList());
			withTls13.addAll(resolved);
			resolved = new LinkedHashSet<>(withTls13);
		}
		List<String> usable = forProtocols(List.copyOf(resolved), protocols);
		if (usable.isEmpty()) {
			violations.add(Violation.insecure(CIPHER_SUITES_PROPERTY, String.join(",", requested),
					"no cipher suite is left for the enabled protocols " + protocols,
					"List at least one of " + forProtocols(profileSuites, protocols)));
			return forProtocols(profileSuites, protocols);
		}
		return usable;
	}

	private Optional<String> suiteProblem(TlsProfile profile, String suite) {
		Optional<String> weakness = CipherSuiteStrength.weakness(suite);
		if (weakness.isPresent()) {
			return Optional.of(suite + " is weak: " + weakness.get());
		}
		if (!this.jvm.supportsCipherSuite(suite)) {
			return Optional.of("this JVM does not support cipher suite '" + suite + "'");
		}
		if (!profile.cipherSuites().contains(suite)) {
			return Optional.of(suite + " is not part of profile '" + profile.configName() + "'");
		}
		return Optional.empty();
	}

	private List<String> supportedProtocols(List<String> protocols) {
		return protocols.stream().filter(this.jvm::supportsProtocol).toList();
	}

	/**
	 * Drops TLS 1.3 suites when TLS 1.3 is off, and TLS 1.2 suites when only TLS 1.3 is
	 * on.
	 */
	private static List<String> forProtocols(List<String> suites, List<String> protocols) {
		boolean tls13 = protocols.contains(TlsProtocol.TLS_1_3);
		boolean older = protocols.stream().anyMatch((protocol) -> !TlsProtocol.TLS_1_3.equals(protocol));
		return suites.stream().filter((suite) -> TlsProtocol.isTls13Suite(suite) ? tls13 : older).toList();
	}

	private static List<String> profileNames() {
		return Arrays.stream(TlsProfile.values()).map(TlsProfile::configName).toList();
	}

	/**
	 * @param policy the policy to apply (in report mode, including what was reported)
	 * @param violations what the settings asked for that the policy does not allow
	 */
	public record Resolution(TlsPolicy policy, List<Violation> violations) {

		public Resolution {
			violations = List.copyOf(violations);
		}

	}

}
