package io.securecomms.metrics;

import javax.net.ssl.SSLParameters;

/**
 * Decides what a client library may set on an engine or socket the starter made: the protocols, suites and
 * parameters it asks for, narrowed to what the policy allows.
 */
public interface TlsParametersGuard {

	/** Lets everything through (the server side, where Tomcat sets what the starter already decided). */
	TlsParametersGuard NONE = new TlsParametersGuard() {

		@Override
		public String[] protocols(String[] requested) {
			return requested;
		}

		@Override
		public String[] cipherSuites(String[] requested) {
			return requested;
		}

		@Override
		public SSLParameters parameters(SSLParameters requested) {
			return requested;
		}

	};

	String[] protocols(String[] requested);

	String[] cipherSuites(String[] requested);

	SSLParameters parameters(SSLParameters requested);

}
