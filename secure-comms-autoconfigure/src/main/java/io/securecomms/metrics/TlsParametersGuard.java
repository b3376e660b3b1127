package io.securecomms.metrics;

import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

/**
 * Decides what a client library may set on an engine or socket the starter made: the
 * protocols, suites and parameters it asks for, narrowed to what the policy allows.
 */
public interface TlsParametersGuard {

	/**
	 * Lets everything through (the server side, where Tomcat sets what the starter
	 * already decided).
	 */
	TlsParametersGuard NONE = new TlsParametersGuard() {

		@Override
		public String @Nullable [] protocols(String @Nullable [] requested) {
			return requested;
		}

		@Override
		public String @Nullable [] cipherSuites(String @Nullable [] requested) {
			return requested;
		}

		@Override
		public SSLParameters parameters(SSLParameters requested) {
			return requested;
		}

	};

	String @Nullable [] protocols(String @Nullable [] requested);

	String @Nullable [] cipherSuites(String @Nullable [] requested);

	SSLParameters parameters(SSLParameters requested);

}
