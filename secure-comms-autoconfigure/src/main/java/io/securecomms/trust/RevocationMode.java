package io.securecomms.trust;

/**
 * How a server certificate's revocation status is checked (OCSP first, then CRL
 * distribution points).
 */
public enum RevocationMode {

	/** Not checked. */
	OFF,

	/**
	 * Checked; a certificate whose status cannot be fetched is accepted, logged and
	 * counted as {@code revocation_unknown}. A revoked certificate is always refused.
	 */
	SOFT_FAIL,

	/** Checked; a certificate whose status cannot be fetched is refused. */
	HARD_FAIL

}
