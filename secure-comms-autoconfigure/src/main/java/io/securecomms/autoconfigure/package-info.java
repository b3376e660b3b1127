/**
 * The auto-configurations of secure-comms, one per channel, and their
 * {@code secure.comms.*} configuration properties.
 */
@NullMarked
package io.securecomms.autoconfigure;

import org.jspecify.annotations.NullMarked;
