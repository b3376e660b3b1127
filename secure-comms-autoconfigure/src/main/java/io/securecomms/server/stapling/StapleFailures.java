package io.securecomms.server.stapling;

import io.securecomms.metrics.Channel;
import io.securecomms.server.stapling.StapleOutcome.Reason;

/**
 * Told of every probe that found no good staple.
 */
@FunctionalInterface
public interface StapleFailures {

	/**
	 * @param channel {@link Channel#SERVER} or {@link Channel#MANAGEMENT}
	 * @param reason why there is no good staple
	 */
	void failed(Channel channel, Reason reason);

}
