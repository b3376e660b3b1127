/**
 * The JVM's process-wide TLS defaults (default SSL context, socket factories, host name
 * verifier) put on the policy while the application runs.
 */
@NullMarked
package io.securecomms.jvm;

import org.jspecify.annotations.NullMarked;
