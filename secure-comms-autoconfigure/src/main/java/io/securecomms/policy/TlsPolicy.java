package io.securecomms.policy;

import java.util.List;

/**
 * The protocols and cipher suites every channel uses, resolved against the running JVM.
 *
 * @param profile the profile the policy comes from
 * @param protocols enabled protocols, newest first
 * @param cipherSuites enabled cipher suites, strongest first (TLS 1.3 suites first)
 * @param namedGroups key exchange groups, preferred first
 */
public record TlsPolicy(TlsProfile profile, List<String> protocols, List<String> cipherSuites,
		List<String> namedGroups) {

	public TlsPolicy {
		protocols = List.copyOf(protocols);
		cipherSuites = List.copyOf(cipherSuites);
		namedGroups = List.copyOf(namedGroups);
	}

	public String[] protocolArray() {
		return this.protocols.toArray(String[]::new);
	}

	public String[] cipherSuiteArray() {
		return this.cipherSuites.toArray(String[]::new);
	}

	public List<String> tls13CipherSuites() {
		return this.cipherSuites.stream().filter(TlsProtocol::isTls13Suite).toList();
	}

	public List<String> tls12CipherSuites() {
		return this.cipherSuites.stream().filter((suite) -> !TlsProtocol.isTls13Suite(suite)).toList();
	}

}
