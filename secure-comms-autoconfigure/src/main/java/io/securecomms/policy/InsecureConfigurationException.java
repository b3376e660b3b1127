package io.securecomms.policy;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Stops startup: the configuration would make a channel insecure (or cannot work at all).
 * {@code InsecureConfigurationFailureAnalyzer} turns it into a "what is wrong / what to
 * do" report.
 */
public class InsecureConfigurationException extends RuntimeException {

	private final List<Violation> violations;

	public InsecureConfigurationException(List<Violation> violations) {
		this(violations, null);
	}

	public InsecureConfigurationException(List<Violation> violations, @Nullable Throwable cause) {
		super(message(violations), cause);
		this.violations = List.copyOf(violations);
	}

	public List<Violation> getViolations() {
		return this.violations;
	}

	private static String message(List<Violation> violations) {
		return "secure-comms refused an insecure configuration: "
				+ violations.stream().map(Violation::describe).collect(Collectors.joining("; "));
	}

}
