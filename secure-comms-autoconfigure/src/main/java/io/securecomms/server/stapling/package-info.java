/**
 * Whether the OCSP staples the JDK attaches to the server's handshakes
 * ({@code secure.comms.server.ocsp-stapling}) can be had: the JDK fetches them silently,
 * so the starter asks each stapling listener's OCSP responder itself, the way the JDK
 * would, and logs and counts the outages.
 */
@NullMarked
package io.securecomms.server.stapling;

import org.jspecify.annotations.NullMarked;
