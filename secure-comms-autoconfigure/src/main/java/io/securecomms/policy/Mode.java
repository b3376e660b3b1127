package io.securecomms.policy;

/**
 * What the starter does with a violation of the policy.
 */
public enum Mode {

	/** A violation stops startup, or refuses the connection. */
	ENFORCE,

	/** A violation is logged, counted and shown; nothing is blocked. */
	REPORT

}
