/**
 * The TLS policy: profiles, protocols, cipher suites and certificate rules resolved
 * against the running JVM, and the mode that decides what a violation does.
 */
@NullMarked
package io.securecomms.policy;

import org.jspecify.annotations.NullMarked;
