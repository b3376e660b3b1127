/**
 * Outbound HTTP (RestClient, RestTemplate, WebClient) on Apache HttpClient 5 with the TLS
 * policy, verified host names, per-target trust and plaintext refused.
 */
@NullMarked
package io.securecomms.client;

import org.jspecify.annotations.NullMarked;
