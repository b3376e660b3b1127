package io.securecomms.metrics;

import java.util.Locale;

/**
 * Why a handshake failed: the fixed set of {@code reason} tag values.
 */
public enum FailureReason {

	PROTOCOL_VERSION, NO_COMMON_CIPHER, CERT_EXPIRED, CERT_NOT_YET_VALID, CERT_UNTRUSTED, CERT_REVOKED,
	REVOCATION_UNKNOWN, HOSTNAME_MISMATCH, PIN_MISMATCH, CLIENT_CERT_MISSING, CLIENT_CERT_REJECTED, TIMEOUT,
	CONNECTION_CLOSED, OTHER;

	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
