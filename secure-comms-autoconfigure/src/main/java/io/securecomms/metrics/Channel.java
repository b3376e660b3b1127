package io.securecomms.metrics;

/**
 * The kind of connection a handshake belongs to; the {@code channel} tag.
 */
public enum Channel {

	SERVER("server"), MANAGEMENT("management"), HTTP_CLIENT("http-client"), JDBC("jdbc"), REDIS("redis"),
	KAFKA("kafka"), RABBITMQ("rabbitmq"), MONGODB("mongodb"), CASSANDRA("cassandra"), ELASTICSEARCH("elasticsearch"),
	LDAP("ldap"), MAIL("mail"), MONITORING("monitoring"), IDENTITY("identity"), JVM_DEFAULT("jvm-default");

	private final String tag;

	Channel(String tag) {
		this.tag = tag;
	}

	public String tag() {
		return this.tag;
	}

}
