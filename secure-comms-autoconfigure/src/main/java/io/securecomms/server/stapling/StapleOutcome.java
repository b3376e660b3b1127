package io.securecomms.server.stapling;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * What one probe of a listener's OCSP responder found.
 *
 * @param status whether a staple can be had and what it says
 * @param reason why there is no good staple ({@code null} when there is)
 * @param responder the responder asked, or {@code null} when there is none to ask
 * @param cause what went wrong, in words (empty when the status is good); it may quote
 * the certificate or the responder: escape it before logging
 */
public record StapleOutcome(Status status, @Nullable Reason reason, @Nullable String responder, String cause) {

	public static StapleOutcome good(String responder) {
		return new StapleOutcome(Status.GOOD, null, responder, "");
	}

	public static StapleOutcome revoked(String responder, String cause) {
		return new StapleOutcome(Status.REVOKED, Reason.REVOKED, responder, cause);
	}

	public static StapleOutcome unavailable(Reason reason, @Nullable String responder, String cause) {
		return new StapleOutcome(Status.UNAVAILABLE, reason, responder, cause);
	}

	public boolean good() {
		return this.status == Status.GOOD;
	}

	/**
	 * {@code good}, {@code unavailable(<reason>)} or {@code revoked}, as the posture
	 * report shows it.
	 */
	public String describe() {
		return switch (this.status) {
			case GOOD -> "good";
			case REVOKED -> "revoked";
			case UNAVAILABLE -> "unavailable(" + ((this.reason != null) ? this.reason : Reason.OTHER).tag() + ")";
		};
	}

	public enum Status {

		/** The responder says good: the JDK staples a good status. */
		GOOD,

		/** No status can be had: handshakes go on without a staple. */
		UNAVAILABLE,

		/** The responder says the server's own certificate is revoked. */
		REVOKED

	}

	/**
	 * Why there is no good staple; the {@code reason} tag of
	 * {@code secure.comms.ocsp.staple.failures} (a fixed set).
	 */
	public enum Reason {

		/**
		 * The certificate names no OCSP responder and
		 * {@code jdk.tls.stapling.responderURI} is not set.
		 */
		NO_RESPONDER,

		/**
		 * The listener's chain holds no issuer certificate, without which no OCSP request
		 * can be made.
		 */
		NO_ISSUER,

		/** The responder cannot be reached (refused, timed out, unknown host). */
		UNREACHABLE,

		/** The responder says the certificate is revoked. */
		REVOKED,

		/**
		 * Anything else: an unknown status, a malformed or wrongly signed response, an
		 * HTTP error, a certificate the JDK would not validate.
		 */
		OTHER;

		public String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
