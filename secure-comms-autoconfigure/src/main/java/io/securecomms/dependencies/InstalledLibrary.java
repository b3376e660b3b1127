package io.securecomms.dependencies;

import org.jspecify.annotations.Nullable;

/**
 * A library found on the class path, with the version of the jar it is loaded from.
 *
 * @param library the table entry
 * @param version the version read, or {@code null} when it cannot be read with certainty
 * @param source where the version was read
 * ({@code pom.properties in httpclient5-5.5.2.jar}), or why it could not be
 */
public record InstalledLibrary(Library library, @Nullable String version, String source) {

	public static final String UNKNOWN = "unknown";

	public boolean versionKnown() {
		return this.version != null;
	}

	/** The version, or {@value #UNKNOWN}. */
	public String versionText() {
		return (this.version != null) ? this.version : UNKNOWN;
	}

}
