/**
 * Outbound trust: SSL contexts built from Spring SSL bundles with policy trust managers,
 * pins, revocation checking, and validated reloading of rotated certificates.
 */
@NullMarked
package io.securecomms.trust;

import org.jspecify.annotations.NullMarked;
