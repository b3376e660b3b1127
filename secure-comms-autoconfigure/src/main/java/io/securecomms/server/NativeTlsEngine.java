package io.securecomms.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.securecomms.policy.TlsPolicy;
import io.securecomms.policy.Violation;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * Whether the native TLS engine ({@link ServerEngine#OPENSSL}) can run here, and what the
 * policy asks of it that it cannot do. Netty's classes are only touched once they are
 * known to be on the class path.
 */
public final class NativeTlsEngine {

	static final String PROPERTY = "secure.comms.server.engine";

	private static final String OPEN_SSL = "io.netty.handler.ssl.OpenSsl";

	/**
	 * BoringSSL's TLS 1.3 suites, which it enables whatever it is told (and among which
	 * the client's preference wins).
	 */
	static final Set<String> FIXED_TLS13_SUITES = Set.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384",
			"TLS_CHACHA20_POLY1305_SHA256");

	private NativeTlsEngine() {
	}

	/**
	 * @return the library's version ("BoringSSL", "OpenSSL 3.x ...") when it loads, else
	 * {@code null} and {@code problem} says why
	 */
	public static Availability availability() {
		return availability(NativeTlsEngine.class.getClassLoader());
	}

	static Availability availability(@Nullable ClassLoader loader) {
		if (!ClassUtils.isPresent(OPEN_SSL, loader)) {
			return new Availability(null, "Netty's OpenSSL support (io.netty:netty-handler) is not on the class path");
		}
		return Loaded.availability();
	}

	/**
	 * The violations that choosing {@code engine} brings: a native engine that cannot
	 * load, or a policy it cannot follow. Empty for the JDK's engines.
	 * @param ocspStapling whether {@code secure.comms.server.ocsp-stapling} is on
	 */
	public static List<Violation> check(ServerEngine engine, TlsPolicy policy, boolean ocspStapling) {
		return check(engine, policy, ocspStapling, NativeTlsEngine.class.getClassLoader());
	}

	/**
	 * As {@link #check(ServerEngine, TlsPolicy, boolean)}, looking for Netty in
	 * {@code loader}.
	 */
	static List<Violation> check(ServerEngine engine, TlsPolicy policy, boolean ocspStapling,
			@Nullable ClassLoader loader) {
		if (engine != ServerEngine.OPENSSL) {
			return List.of();
		}
		List<Violation> violations = new ArrayList<>();
		Availability availability = availability(loader);
		if (availability.library() == null) {
			violations.add(Violation.insecure(PROPERTY, engine.value(),
					"the native TLS engine cannot be used: " + availability.problem(),
					"Add the dependency io.netty:netty-tcnative-boringssl-static (with Boot's io.netty:netty-handler), "
							+ "or set " + PROPERTY + "=jsse"));
		}
		else if (availability.library().startsWith("BoringSSL") && policy.protocols().contains("TLSv1.3")
				&& !Set.copyOf(policy.tls13CipherSuites()).equals(FIXED_TLS13_SUITES)) {
			violations.add(Violation.insecure("secure.comms.tls.cipher-suites",
					String.join(",", policy.tls13CipherSuites()),
					"BoringSSL (" + PROPERTY + "=openssl) always enables the TLS 1.3 suites "
							+ String.join(", ", FIXED_TLS13_SUITES.stream().sorted().toList())
							+ " and cannot narrow them",
					"Keep all three TLS 1.3 suites in secure.comms.tls.cipher-suites, or set " + PROPERTY + "=jsse"));
		}
		if (ocspStapling) {
			violations.add(Violation.insecure("secure.comms.server.ocsp-stapling", "true",
					"the native TLS engine (" + PROPERTY + "=openssl) does not staple OCSP responses; the JDK's "
							+ "engines do",
					"Set " + PROPERTY + "=jsse to keep stapling, or secure.comms.server.ocsp-stapling=false"));
		}
		return violations;
	}

	/**
	 * @param library the native library's version when it loads, else {@code null}
	 * @param problem why it does not load, else {@code null}
	 */
	public record Availability(@Nullable String library, @Nullable String problem) {
	}

	/** Loaded only once Netty is known to be present. */
	private static final class Loaded {

		static Availability availability() {
			if (io.netty.handler.ssl.OpenSsl.isAvailable()) {
				return new Availability(io.netty.handler.ssl.OpenSsl.versionString(), null);
			}
			Throwable cause = io.netty.handler.ssl.OpenSsl.unavailabilityCause();
			return new Availability(null, "the native library does not load on this platform"
					+ ((cause != null) ? " (" + cause + ")" : "")
					+ "; io.netty:netty-tcnative-boringssl-static brings it for Linux, macOS and Windows on x86_64 and aarch64");
		}

	}

}
