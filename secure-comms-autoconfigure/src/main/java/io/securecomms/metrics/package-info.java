/**
 * TLS handshake observation shared by every channel: observed engines and sockets,
 * failure classification, meters, the rate-limited failure log and bounded tags.
 */
@NullMarked
package io.securecomms.metrics;

import org.jspecify.annotations.NullMarked;
