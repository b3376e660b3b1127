/**
 * Jetty (servlet and WebFlux) hardened like Tomcat: the policy on Boot's TLS connector,
 * every handshake observed through Jetty's handshake listener, HSTS on every response,
 * and the connectors described to the posture report.
 */
@NullMarked
package io.securecomms.server.jetty;

import org.jspecify.annotations.NullMarked;
