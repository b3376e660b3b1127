package io.securecomms.server;

/**
 * The TLS implementation a server's connectors run on.
 */
public enum ServerEngine {

	/** The JDK's own TLS engines (the default). */
	JSSE("jsse"),

	/**
	 * OpenSSL's API through Netty's tcnative: BoringSSL when
	 * {@code io.netty:netty-tcnative-boringssl-static} is on the class path. Optional:
	 * the application adds the library.
	 */
	OPENSSL("openssl");

	private final String value;

	ServerEngine(String value) {
		this.value = value;
	}

	/** The value as {@code secure.comms.server.engine} and the posture write it. */
	public String value() {
		return this.value;
	}

}
