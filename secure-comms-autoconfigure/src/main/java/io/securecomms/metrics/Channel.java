package io.securecomms.metrics;

/**
 * The kind of connection a handshake belongs to; the {@code channel} tag.
 */
public enum Channel {

	SERVER("server"), MANAGEMENT("management"), HTTP_CLIENT("http-client"), JDBC("jdbc");

	private final String tag;

	Channel(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
