package io.securecomms.server;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.web.server.Ssl;

/**
 * Whether callers must present a certificate (mutual TLS).
 */
public enum ClientAuth {

	/** No client certificate is asked for. */
	NONE("none"),

	/** A client certificate is asked for and verified when sent. */
	WANT("optional"),

	/** A verified client certificate is required. */
	NEED("required");

	private final String verification;

	ClientAuth(String verification) {
		this.verification = verification;
	}

	/**
	 * How the posture report and Tomcat name it: {@code none}, {@code optional} or
	 * {@code required}, whatever the web server. (No server type appears here, so that
	 * servers without Tomcat on the class path can use it.)
	 */
	public String verification() {
		return this.verification;
	}

	/** Boot's {@code server.ssl.client-auth}, absent meaning none. */
	public static ClientAuth of(Ssl.@Nullable ClientAuth clientAuth) {
		return (clientAuth != null) ? valueOf(clientAuth.name()) : NONE;
	}

	/** The stronger of two requirements: configuring one never weakens the other. */
	public ClientAuth atLeast(ClientAuth other) {
		return (other != null && other.ordinal() > ordinal()) ? other : this;
	}

}
