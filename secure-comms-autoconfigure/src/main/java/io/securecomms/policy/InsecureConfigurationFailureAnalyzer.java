package io.securecomms.policy;

import java.util.stream.Collectors;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports what is insecure and what to write instead.
 */
class InsecureConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InsecureConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InsecureConfigurationException cause) {
		String description = cause.getViolations()
			.stream()
			.map((violation) -> "  - " + violation.property() + " = '" + violation.value() + "': "
					+ violation.problem())
			.collect(Collectors.joining(System.lineSeparator(),
					"secure-comms stopped startup: a communication setting is insecure or cannot work:"
							+ System.lineSeparator(),
					""));
		String action = cause.getViolations()
			.stream()
			.map((violation) -> "  - " + violation.fix())
			.distinct()
			.collect(Collectors.joining(System.lineSeparator(), "Change the configuration:" + System.lineSeparator(),
					System.lineSeparator() + "(To only log such findings while you migrate, set "
							+ "secure.comms.mode=report; broken key stores still stop startup.)"));
		return new FailureAnalysis(description, action, cause);
	}

}
