package io.securecomms.dependencies;

/**
 * What the posture shows for one library.
 *
 * @param name the library ({@code httpclient5})
 * @param version the version of the jar loaded, or {@code unknown}
 * @param source where the version was read
 * @param status {@value #OK}, {@value #FLAWED} or {@value #UNKNOWN}
 * @param advisory the flaw and its fix, or why the version matters; empty when there is
 * nothing to say
 */
public record LibraryStatus(String name, String version, String source, String status, String advisory) {

	public static final String OK = "ok";

	public static final String FLAWED = "flawed";

	public static final String UNKNOWN = "unknown";

}
