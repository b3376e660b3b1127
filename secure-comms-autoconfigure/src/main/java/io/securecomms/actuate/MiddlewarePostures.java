package io.securecomms.actuate;

import java.util.List;

import io.securecomms.actuate.PostureReport.MiddlewarePosture;
import io.securecomms.middleware.MiddlewareConnection;
import io.securecomms.middleware.MiddlewareConnections;

/**
 * The posture's view of the middleware connections the starter checked.
 */
public final class MiddlewarePostures {

	private MiddlewarePostures() {
	}

	public static List<MiddlewarePosture> of(MiddlewareConnections connections) {
		return connections.entries().stream().map((entry) -> {
			MiddlewareConnection connection = entry.connection();
			return new MiddlewarePosture(connection.channel().tag(), connection.client(), connection.hosts(),
					entry.status().tag(), connection.trustSource(), connection.hostnameVerified(), entry.weaknesses());
		}).toList();
	}

}
