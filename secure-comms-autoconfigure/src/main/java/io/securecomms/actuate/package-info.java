/**
 * The {@code /actuator/securecomms} endpoint: the posture report (policy, connectors,
 * certificates, outbound targets, data sources, middleware, violations) and its ASVS
 * verdicts.
 */
@NullMarked
package io.securecomms.actuate;

import org.jspecify.annotations.NullMarked;
