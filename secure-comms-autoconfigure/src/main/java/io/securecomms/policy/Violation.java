package io.securecomms.policy;

/**
 * One thing wrong with the configuration: what is wrong, where, and what to write
 * instead.
 *
 * @param kind whether the mode decides what happens ({@link Kind#INSECURE}) or the
 * application cannot run securely at all ({@link Kind#INVALID})
 * @param property the configuration property to change
 * @param value the offending value as configured (never a secret)
 * @param problem what is wrong, in words a user understands
 * @param fix what to do instead
 */
public record Violation(Kind kind, String property, String value, String problem, String fix) {

	public static Violation insecure(String property, String value, String problem, String fix) {
		return new Violation(Kind.INSECURE, property, value, problem, fix);
	}

	public static Violation invalid(String property, String value, String problem, String fix) {
		return new Violation(Kind.INVALID, property, value, problem, fix);
	}

	public String describe() {
		return this.property + "=" + this.value + ": " + this.problem;
	}

	public enum Kind {

		/**
		 * Weaker than the policy: stops startup in enforce mode, a warning in report
		 * mode.
		 */
		INSECURE,

		/**
		 * Broken (a missing key store, a wrong password): stops startup in every mode.
		 */
		INVALID

	}

}
