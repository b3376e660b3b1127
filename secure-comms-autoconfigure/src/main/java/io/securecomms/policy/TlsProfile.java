package io.securecomms.policy;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Mozilla server-side TLS 6.0 profiles, with cipher suites in the starter's strength
 * order (strongest first).
 */
public enum TlsProfile {

	/** TLS 1.3 only. */
	MODERN(List.of(TlsProtocol.TLS_1_3), Tls13.SUITES),

	/** TLS 1.3 and TLS 1.2 with AEAD/ECDHE suites only. */
	INTERMEDIATE(List.of(TlsProtocol.TLS_1_3, TlsProtocol.TLS_1_2), concat(Tls13.SUITES,
			List.of("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
					"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
					"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")));

	/**
	 * Key exchange groups, preferred first; the hybrid post-quantum group only where the
	 * JVM has it.
	 */
	public static final List<String> NAMED_GROUPS = List.of("X25519MLKEM768", "x25519", "secp256r1", "secp384r1");

	private final List<String> protocols;

	private final List<String> cipherSuites;

	TlsProfile(List<String> protocols, List<String> cipherSuites) {
		this.protocols = protocols;
		this.cipherSuites = cipherSuites;
	}

	/** Protocols of the profile, newest first. */
	public List<String> protocols() {
		return this.protocols;
	}

	/** Cipher suites of the profile, strongest first. */
	public List<String> cipherSuites() {
		return this.cipherSuites;
	}

	/** The lower-case name used in configuration. */
	public String configName() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Optional<TlsProfile> fromName(String name) {
		for (TlsProfile profile : values()) {
			if (profile.name().equalsIgnoreCase(name.trim())) {
				return Optional.of(profile);
			}
		}
		return Optional.empty();
	}

	/**
	 * Enum constants cannot read the enum's own static fields: the shared suites live
	 * here.
	 */
	private static final class Tls13 {

		static final List<String> SUITES = List.of("TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
				"TLS_AES_128_GCM_SHA256");

	}

	private static List<String> concat(List<String> first, List<String> second) {
		return Stream.concat(first.stream(), second.stream()).toList();
	}

}
