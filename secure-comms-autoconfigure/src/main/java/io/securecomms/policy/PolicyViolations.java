package io.securecomms.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Applies the mode to violations as they are found: in {@link Mode#ENFORCE} (and always
 * for {@link Violation.Kind#INVALID}) startup stops; in {@link Mode#REPORT} each
 * violation is logged once at WARN and kept for the posture report.
 */
public class PolicyViolations {

	private static final Log logger = LogFactory.getLog(PolicyViolations.class);

	private final Mode mode;

	private final Set<Violation> reported = new LinkedHashSet<>();

	public PolicyViolations(Mode mode) {
		this.mode = mode;
	}

	public Mode mode() {
		return this.mode;
	}

	/**
	 * @throws InsecureConfigurationException when the violations must stop startup
	 */
	public void handle(Collection<Violation> violations) {
		if (violations.isEmpty()) {
			return;
		}
		boolean stop = this.mode == Mode.ENFORCE
				|| violations.stream().anyMatch((violation) -> violation.kind() == Violation.Kind.INVALID);
		if (stop) {
			throw new InsecureConfigurationException(List.copyOf(violations));
		}
		for (Violation violation : violations) {
			boolean first;
			synchronized (this.reported) {
				first = this.reported.add(violation);
			}
			if (first) {
				logger.warn("secure-comms (report mode) allows an insecure setting: " + violation.describe()
						+ ". To fix: " + violation.fix());
			}
		}
	}

	/** The violations allowed in report mode so far. */
	public List<Violation> reported() {
		synchronized (this.reported) {
			return new ArrayList<>(this.reported);
		}
	}

}
