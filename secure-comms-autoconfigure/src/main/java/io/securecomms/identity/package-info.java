/**
 * Identity providers (OAuth2 resource server and client, SAML 2 relying party):
 * {@code https://} endpoints checked and their HTTP clients on the hardened outbound TLS.
 */
@NullMarked
package io.securecomms.identity;

import org.jspecify.annotations.NullMarked;
