package io.securecomms.dependencies;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.securecomms.policy.Violation;

/**
 * The TLS libraries on the class path checked against {@link KnownFlaw#TABLE}: a library
 * in an affected version is a violation, and so is one with a listed flaw whose version
 * cannot be read (whether the flaw applies cannot be told). A library without a listed
 * flaw is {@code ok} when its version is known, {@code unknown} otherwise (shown, not a
 * violation).
 *
 * @param libraries one status per library found, in the table's order
 * @param violations what must be fixed, naming the build property and the fix
 */
public record TlsLibraries(List<LibraryStatus> libraries, List<Violation> violations) {

	/** The libraries the class loader sees, against the known flaws. */
	public static TlsLibraries check(ClassLoader classLoader) {
		return check(new LibraryVersions(classLoader).installed(), KnownFlaw.TABLE);
	}

	public static TlsLibraries check(List<InstalledLibrary> installed, List<KnownFlaw> flaws) {
		List<LibraryStatus> libraries = new ArrayList<>();
		List<Violation> violations = new ArrayList<>();
		for (InstalledLibrary library : installed) {
			List<KnownFlaw> listed = flaws.stream()
				.filter((flaw) -> flaw.library().equals(library.library().name()))
				.toList();
			Optional<Version> version = Version.parse(library.version());
			String name = library.library().name();
			if (version.isEmpty()) {
				List<String> advisories = new ArrayList<>();
				for (KnownFlaw flaw : listed) {
					String problem = name + " is on the class path in a version that cannot be read or compared ("
							+ library.versionText() + ", " + library.source() + "): cannot tell whether "
							+ flaw.identifier() + " (" + flaw.range() + ": " + flaw.defeats() + ") applies";
					violations.add(Violation.insecure(flaw.property(), library.versionText(), problem, flaw.fix()));
					advisories.add("cannot tell whether " + flaw.identifier() + " applies; " + flaw.fix());
				}
				libraries.add(new LibraryStatus(name, library.versionText(), library.source(), LibraryStatus.UNKNOWN,
						String.join("; ", advisories)));
				continue;
			}
			List<String> advisories = new ArrayList<>();
			for (KnownFlaw flaw : listed) {
				if (flaw.affects(version.get())) {
					String problem = name + " " + library.versionText() + " (" + library.source() + ") has "
							+ flaw.identifier() + " (" + flaw.range() + "): " + flaw.defeats();
					violations.add(Violation.insecure(flaw.property(), library.versionText(), problem, flaw.fix()));
					advisories
						.add(flaw.identifier() + " (" + flaw.range() + "): " + flaw.defeats() + "; " + flaw.fix());
				}
			}
			libraries.add(new LibraryStatus(name, library.versionText(), library.source(),
					advisories.isEmpty() ? LibraryStatus.OK : LibraryStatus.FLAWED, String.join("; ", advisories)));
		}
		return new TlsLibraries(List.copyOf(libraries), List.copyOf(violations));
	}

	/** The status of {@code name}, if it is on the class path. */
	public Optional<LibraryStatus> library(String name) {
		return this.libraries.stream().filter((library) -> library.name().equals(name)).findFirst();
	}

}
