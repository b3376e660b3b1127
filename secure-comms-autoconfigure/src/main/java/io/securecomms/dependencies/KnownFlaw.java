package io.securecomms.dependencies;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A published flaw of a library that defeats TLS verification, and the version that fixes
 * it.
 *
 * @param library the {@link Library#name()} it affects
 * @param introduced the first affected version, or {@code null} when every earlier
 * version is affected
 * @param fixed the first version that is not affected: affected is
 * {@code introduced <= version < fixed}
 * @param identifier the advisory's identifier ({@code CVE-2026-71290})
 * @param defeats what the flaw defeats, in words
 * @param property the build property that selects the library's version
 * @param fix what to write instead
 */
public record KnownFlaw(String library, @Nullable Version introduced, Version fixed, String identifier, String defeats,
		String property, String fix) {

	/** The flaws checked, one entry each. */
	public static final List<KnownFlaw> TABLE = List.of(new KnownFlaw("httpclient5", version("5.4"), version("5.6.4"),
			"CVE-2026-71290",
			"the async client skips host name verification (HostnameVerificationPolicy.BUILTIN has no effect): "
					+ "any server with a certificate trusted for another name can impersonate the host",
			"httpclient5.version (Maven property of the Spring Boot parent)",
			"use httpclient5 5.6.4 or later (Spring Boot 4.0.x manages 5.5.2): Maven, in <properties>: "
					+ "<httpclient5.version>5.6.5</httpclient5.version> (best with "
					+ "<httpcore5.version>5.4.4</httpcore5.version>, the httpcore5 it is built on); Gradle with the io.spring.dependency-management "
					+ "plugin: ext['httpclient5.version'] = '5.6.5'; Gradle with Boot's BOM as a platform: "
					+ "constraints { implementation 'org.apache.httpcomponents.client5:httpclient5:5.6.5' }"));

	private static Version version(String text) {
		return Version.parse(text).orElseThrow();
	}

	/** Whether {@code version} is in the affected range. */
	public boolean affects(Version version) {
		return (this.introduced == null || !version.isBefore(this.introduced)) && version.isBefore(this.fixed);
	}

	/** {@code >= 5.4, < 5.6.4}. */
	public String range() {
		return ((this.introduced != null) ? ">= " + this.introduced + ", " : "") + "< " + this.fixed;
	}

}
