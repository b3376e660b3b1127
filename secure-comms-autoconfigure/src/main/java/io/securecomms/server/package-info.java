/**
 * Embedded web server hardening, for the application's port and a separate management
 * port: the SSL settings check and HSTS every server shares, and Tomcat's (the policy on
 * every connector, plaintext refused, the redirect port, observed handshakes).
 */
@NullMarked
package io.securecomms.server;

import org.jspecify.annotations.NullMarked;
