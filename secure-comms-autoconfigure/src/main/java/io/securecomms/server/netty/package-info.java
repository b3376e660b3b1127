/**
 * Reactor Netty server hardening: the policy on its SSL context, observed engines, and
 * the same checks of its SSL settings as Tomcat.
 */
@NullMarked
package io.securecomms.server.netty;

import org.jspecify.annotations.NullMarked;
