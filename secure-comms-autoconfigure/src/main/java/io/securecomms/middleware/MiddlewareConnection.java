package io.securecomms.middleware;

import java.util.List;

import io.securecomms.metrics.Channel;

/**
 * One middleware client's connection as the starter found it, for the posture report.
 *
 * @param channel the channel ({@code redis}, {@code kafka}, ...)
 * @param client the client bean (or the Boot properties it is built from)
 * @param hosts the hosts it connects to, {@code host:port} where known (never
 * credentials)
 * @param trustSource what it trusts: the SSL bundle (and the property naming it), or
 * {@code none}
 * @param hostnameVerified whether the server's host name is checked
 */
public record MiddlewareConnection(Channel channel, String client, List<String> hosts, String trustSource,
		boolean hostnameVerified) {

	public MiddlewareConnection {
		hosts = List.copyOf(hosts);
	}

}
