package io.securecomms.trust;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What an outbound connection trusts and presents.
 *
 * @param trustBundle the SSL bundle whose trust store holds the CAs or self-signed
 * certificates to trust
 * @param includeJdkTrust whether the JDK's {@code cacerts} is trusted as well
 * @param identityBundle the SSL bundle with the client certificate for mutual TLS, if any
 * @param pins {@code sha256/<base64>} SPKI pins, one of which must match the peer's chain
 * (empty: no pinning)
 * @param revocation how revocation is checked
 * @param serverIdentities what the server's leaf certificate must also name, once
 * validated ({@link IdentityPatterns#none()}: nothing more than the host name)
 */
public record ClientTls(@Nullable String trustBundle, boolean includeJdkTrust, @Nullable String identityBundle,
		List<String> pins, @Nullable RevocationMode revocation, IdentityPatterns serverIdentities) {

	public ClientTls {
		pins = (pins != null) ? List.copyOf(pins) : List.of();
	}

	/** These settings, with what {@code override} sets taking precedence. */
	public ClientTls overriddenBy(ClientTls override) {
		return new ClientTls((override.trustBundle != null) ? override.trustBundle : this.trustBundle,
				override.includeJdkTrust || ((override.trustBundle == null) && this.includeJdkTrust),
				(override.identityBundle != null) ? override.identityBundle : this.identityBundle,
				override.pins.isEmpty() ? this.pins : override.pins,
				(override.revocation != null) ? override.revocation : this.revocation,
				override.serverIdentities.isEmpty() ? this.serverIdentities : override.serverIdentities);
	}

	public boolean hasTrust() {
		return this.trustBundle != null || this.includeJdkTrust;
	}

}
