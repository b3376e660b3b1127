package io.securecomms.dependencies;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One TLS-relevant library: how to tell it is on the class path and how to read the
 * version of the jar it is loaded from.
 *
 * @param name the name shown in the posture ({@code httpclient5})
 * @param markerClass a class only this library has; its jar is the one read
 * @param coordinates the Maven {@code groupId:artifactId} whose {@code pom.properties} is
 * read first, or {@code null}
 * @param versionFile the library's own version file inside its jar and the key holding
 * the version ({@code org/apache/hc/client5/version.properties#info.release}), or
 * {@code null}
 * @param manifestNames the {@code Bundle-SymbolicName} or {@code Automatic-Module-Name}
 * values that prove a manifest is the library's own (not a fat jar's), so its
 * {@code Bundle-Version} or {@code Implementation-Version} may be used
 */
public record Library(String name, String markerClass, @Nullable String coordinates, @Nullable String versionFile,
		Set<String> manifestNames) {

	/** The name of the JDK's entry, whose version is {@code java.version}. */
	public static final String JDK = "jdk";

	static Library of(String name, String markerClass, @Nullable String coordinates, @Nullable String versionFile,
			String... manifestNames) {
		return new Library(name, markerClass, coordinates, versionFile, Set.of(manifestNames));
	}

	/**
	 * Every library listed in the posture when it is on the class path, the JDK first (it
	 * is always there).
	 */
	public static final List<Library> TLS_LIBRARIES = List.of(of(JDK, "java.lang.Object", null, null), of("httpclient5",
			"org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy", "org.apache.httpcomponents.client5:httpclient5",
			"org/apache/hc/client5/version.properties#info.release", "org.apache.httpcomponents.client5.httpclient5"),
			of("httpcore5", "org.apache.hc.core5.ssl.SSLContextBuilder", "org.apache.httpcomponents.core5:httpcore5",
					"org/apache/hc/core5/version.properties#info.release", "org.apache.httpcomponents.core5.httpcore5"),
			of("netty-handler", "io.netty.handler.ssl.SslHandler", "io.netty:netty-handler",
					"META-INF/io.netty.versions.properties#netty-handler.version", "io.netty.handler"),
			of("netty-tcnative", "io.netty.internal.tcnative.SSL", null,
					"META-INF/io.netty.versions.properties#netty-tcnative-classes.version",
					"io.netty.internal.tcnative", "io.netty.tcnative-classes", "io.netty.tcnative.classes"),
			of("bcprov", "org.bouncycastle.jce.provider.BouncyCastleProvider", null, null, "bcprov",
					"org.bouncycastle.provider"),
			of("bctls", "org.bouncycastle.jsse.provider.BouncyCastleJsseProvider", null, null, "bctls",
					"org.bouncycastle.tls"),
			of("bcpkix", "org.bouncycastle.cert.X509CertificateHolder", null, null, "bcpkix", "org.bouncycastle.pkix"),
			of("conscrypt", "org.conscrypt.Conscrypt", "org.conscrypt:conscrypt-openjdk-uber", null, "org.conscrypt"),
			of("wildfly-openssl", "org.wildfly.openssl.OpenSSLProvider", "org.wildfly.openssl:wildfly-openssl-java",
					null, "org.wildfly.openssl", "org.wildfly.openssl.java"),
			of("okhttp", "okhttp3.OkHttpClient", null, null, "com.squareup.okhttp3", "okhttp3"),
			of("reactor-netty", "reactor.netty.tcp.SslProvider", "io.projectreactor.netty:reactor-netty-core", null,
					"io.projectreactor.netty.reactor-netty-core", "reactor.netty.core"),
			of("tomcat-embed-core", "org.apache.tomcat.util.net.SSLHostConfig",
					"org.apache.tomcat.embed:tomcat-embed-core", null, "org.apache.tomcat-embed-core"),
			of("jetty", "org.eclipse.jetty.util.ssl.SslContextFactory", "org.eclipse.jetty:jetty-util", null,
					"org.eclipse.jetty.util"),
			of("postgresql", "org.postgresql.Driver", "org.postgresql:postgresql", null, "org.postgresql.jdbc"),
			of("mariadb-java-client", "org.mariadb.jdbc.Driver", "org.mariadb.jdbc:mariadb-java-client", null,
					"mariadb-java-client", "org.mariadb.jdbc"),
			of("mysql-connector-j", "com.mysql.cj.jdbc.Driver", "com.mysql:mysql-connector-j", null, "com.mysql.cj"),
			of("mssql-jdbc", "com.microsoft.sqlserver.jdbc.SQLServerDriver", "com.microsoft.sqlserver:mssql-jdbc", null,
					"com.microsoft.sqlserver.mssql-jdbc", "com.microsoft.sqlserver.jdbc"),
			of("ojdbc", "oracle.jdbc.OracleDriver", null, null, "com.oracle.database.jdbc",
					"com.oracle.database.jdbc.ojdbc11", "com.oracle.database.jdbc.ojdbc17",
					"com.oracle.database.jdbc.ojdbc8"),
			of("lettuce-core", "io.lettuce.core.RedisClient", "io.lettuce:lettuce-core", null, "lettuce.core"),
			of("jedis", "redis.clients.jedis.Jedis", "redis.clients:jedis", null, "redis.clients.jedis"),
			of("kafka-clients", "org.apache.kafka.common.security.ssl.DefaultSslEngineFactory", null,
					"kafka/kafka-version.properties#version", "org.apache.kafka.clients"),
			of("mongodb-driver-core", "com.mongodb.connection.SslSettings", "org.mongodb:mongodb-driver-core", null,
					"org.mongodb.driver-core", "org.mongodb.driver.core"),
			of("cassandra-java-driver", "com.datastax.oss.driver.api.core.CqlSession",
					"org.apache.cassandra:java-driver-core", null, "com.datastax.oss.driver.core"));

}
