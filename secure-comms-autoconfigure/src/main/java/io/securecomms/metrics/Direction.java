package io.securecomms.metrics;

import java.util.Locale;

/**
 * Who opened the connection; the {@code direction} tag.
 */
public enum Direction {

	INBOUND, OUTBOUND;

	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
