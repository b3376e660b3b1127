package io.securecomms.policy;

import java.util.List;

/**
 * The TLS part of the configuration, as the user wrote it.
 *
 * @param profile the profile name ({@code modern} or {@code intermediate})
 * @param protocols optional narrowing of the profile's protocols
 * @param cipherSuites optional narrowing or re-ordering of the profile's cipher suites
 */
public record TlsSettings(String profile, List<String> protocols, List<String> cipherSuites) {

	public TlsSettings {
		protocols = List.copyOf(protocols);
		cipherSuites = List.copyOf(cipherSuites);
	}

}
