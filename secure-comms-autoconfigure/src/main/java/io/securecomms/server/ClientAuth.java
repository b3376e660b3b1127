package io.securecomms.server;

import org.apache.tomcat.util.net.SSLHostConfig.CertificateVerification;

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

	private final String tomcatVerification;

	ClientAuth(String tomcatVerification) {
		this.tomcatVerification = tomcatVerification;
	}

	String tomcatVerification() {
		return this.tomcatVerification;
	}

	/** What Boot's {@code server.ssl.client-auth} asked Tomcat for; an unverified "optional" is upgraded. */
	static ClientAuth of(CertificateVerification verification) {
		return switch (verification) {
			case REQUIRED -> NEED;
			case OPTIONAL, OPTIONAL_NO_CA -> WANT;
			default -> NONE;
		};
	}

	/** The stronger of two requirements: configuring one never weakens the other. */
	public ClientAuth atLeast(ClientAuth other) {
		return (other != null && other.ordinal() > ordinal()) ? other : this;
	}

}
