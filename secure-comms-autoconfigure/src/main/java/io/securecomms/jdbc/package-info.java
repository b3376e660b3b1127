/**
 * Data sources on verified TLS: JDBC URLs checked and upgraded per driver before the pool
 * opens, drivers given the JDBC bundles' trust, failed connections observed.
 */
@NullMarked
package io.securecomms.jdbc;

import org.jspecify.annotations.NullMarked;
