/**
 * The TLS-relevant libraries on the class path, their versions read from the loaded jars
 * and checked against known flaws that defeat TLS verification.
 */
@NullMarked
package io.securecomms.dependencies;

import org.jspecify.annotations.NullMarked;
