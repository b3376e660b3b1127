/**
 * Telemetry exporters (OTLP, Zipkin, Micrometer push registries, Prometheus Pushgateway)
 * on the policy, with plaintext endpoints reported as violations.
 */
@NullMarked
package io.securecomms.telemetry;

import org.jspecify.annotations.NullMarked;
