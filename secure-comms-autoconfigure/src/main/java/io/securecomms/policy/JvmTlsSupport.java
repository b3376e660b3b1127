package io.securecomms.policy;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * What the running JVM can do: the policy never enables what JSSE cannot negotiate.
 *
 * @param protocols supported protocol names
 * @param cipherSuites supported cipher suite names
 */
public record JvmTlsSupport(Set<String> protocols, Set<String> cipherSuites) {

	public JvmTlsSupport {
		protocols = Set.copyOf(protocols);
		cipherSuites = Set.copyOf(cipherSuites);
	}

	public static JvmTlsSupport current() {
		try {
			SSLParameters supported = SSLContext.getDefault().getSupportedSSLParameters();
			return new JvmTlsSupport(Set.of(supported.getProtocols()), Set.of(supported.getCipherSuites()));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("The JVM has no default TLS implementation", ex);
		}
	}

	public boolean supportsProtocol(String protocol) {
		return this.protocols.contains(protocol);
	}

	public boolean supportsCipherSuite(String suite) {
		return this.cipherSuites.contains(suite);
	}

	public List<String> supportedOf(List<String> suites) {
		return suites.stream().filter(this::supportsCipherSuite).toList();
	}

}
