package io.securecomms.dependencies;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * Reads the version of the jar a library's classes are actually loaded from, not what a build file says. For
 * each {@link Library}, in this order, the first that answers wins:
 * <ol>
 * <li>{@code META-INF/maven/<groupId>/<artifactId>/pom.properties} inside the jar of the marker class;</li>
 * <li>the library's own version file inside that jar (HttpClient's {@code version.properties}, Kafka's
 * {@code kafka-version.properties}, Netty's {@code io.netty.versions.properties});</li>
 * <li>that jar's manifest ({@code Bundle-Version}, else {@code Implementation-Version}), only when its
 * {@code Bundle-SymbolicName} or {@code Automatic-Module-Name} names the library: a fat or shaded jar's
 * manifest describes the application, not the library.</li>
 * </ol>
 * Otherwise the version is unknown: never guessed from a file name. The JDK's version is {@code java.version}
 * (with {@code java.vendor}).
 */
public final class LibraryVersions {

	private final ClassLoader classLoader;

	public LibraryVersions(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/** The libraries of {@link Library#TLS_LIBRARIES} on the class path, in the table's order. */
	public List<InstalledLibrary> installed() {
		return installed(Library.TLS_LIBRARIES);
	}

	public List<InstalledLibrary> installed(List<Library> libraries) {
		List<InstalledLibrary> installed = new ArrayList<>();
		for (Library library : libraries) {
			read(library).ifPresent(installed::add);
		}
		return installed;
	}

	/** @return the library with its version, or empty when its marker class is not on the class path */
	public Optional<InstalledLibrary> read(Library library) {
		if (Library.JDK.equals(library.name())) {
			return Optional.of(new InstalledLibrary(library, System.getProperty("java.version"),
					"java.version (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name")
							+ ")"));
		}
		Class<?> marker;
		try {
			marker = Class.forName(library.markerClass(), false, this.classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return Optional.empty();
		}
		String classFile = "/" + marker.getName().replace('.', '/') + ".class";
		URL location = marker.getResource(classFile);
		if (location == null) {
			return Optional.of(new InstalledLibrary(library, null, "the jar of " + marker.getName() + " is not readable"));
		}
		String root = root(location.toString(), classFile);
		String jar = jarName(root);
		if (library.coordinates() != null) {
			String[] coordinates = library.coordinates().split(":");
			String version = properties(entry(location, root, "META-INF/maven/" + coordinates[0] + "/"
					+ coordinates[1] + "/pom.properties"), "version");
			if (version != null) {
				return found(library, version, "pom.properties in " + jar);
			}
		}
		if (library.versionFile() != null) {
			String[] file = library.versionFile().split("#", 2);
			String version = properties(entry(location, root, file[0]), file[1]);
			if (version != null) {
				return found(library, version, file[0].substring(file[0].lastIndexOf('/') + 1) + " in " + jar);
			}
		}
		String version = manifestVersion(entry(location, root, "META-INF/MANIFEST.MF"), library);
		if (version != null) {
			return found(library, version, "MANIFEST.MF in " + jar);
		}
		return Optional.of(new InstalledLibrary(library, null, "no version readable in " + jar));
	}

	private static Optional<InstalledLibrary> found(Library library, String version, String source) {
		return Optional.of(new InstalledLibrary(library, version.trim(), source));
	}

	/** The jar's (or class directory's) root, ending in {@code /}, from the URL of a class inside it. */
	static String root(String classUrl, String classFile) {
		int separator = classUrl.lastIndexOf("!/");
		if (separator >= 0) {
			return classUrl.substring(0, separator + 2);
		}
		return classUrl.endsWith(classFile) ? classUrl.substring(0, classUrl.length() - classFile.length() + 1)
				: classUrl;
	}

	/** {@code httpclient5-5.5.2.jar}: the jar's name, for the reader to see which file was read. */
	static String jarName(String root) {
		String path = root.endsWith("!/") ? root.substring(0, root.length() - 2) : root;
		path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return path.substring(path.lastIndexOf('/') + 1);
	}

	/**
	 * An entry of the jar (or directory) the class was loaded from. Inside a jar it is resolved against the
	 * class's own URL, so nested jars (Spring Boot's executable jars) keep their URL handler.
	 */
	static URL entry(URL classLocation, String root, String path) {
		try {
			return "jar".equals(classLocation.getProtocol()) ? new URL(classLocation, "/" + path)
					: URI.create(root + path).toURL();
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static String properties(URL url, String key) {
		try (InputStream in = open(url)) {
			if (in == null) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(in);
			String value = properties.getProperty(key);
			return (value == null || value.isBlank() || value.contains("${")) ? null : value;
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static String manifestVersion(URL url, Library library) {
		try (InputStream in = open(url)) {
			if (in == null) {
				return null;
			}
			Attributes attributes = new Manifest(in).getMainAttributes();
			String symbolicName = attributes.getValue("Bundle-SymbolicName");
			symbolicName = (symbolicName != null) ? symbolicName.split(";", 2)[0].trim() : null;
			if (!names(library, symbolicName) && !names(library, attributes.getValue("Automatic-Module-Name"))) {
				return null;
			}
			String version = attributes.getValue("Bundle-Version");
			version = (version != null) ? version : attributes.getValue("Implementation-Version");
			return (version == null || version.isBlank()) ? null : version.split("/", 2)[0];
		}
		catch (IOException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static boolean names(Library library, String name) {
		return name != null && library.manifestNames().contains(name.trim());
	}

	private static InputStream open(URL url) throws IOException {
		if (url == null) {
			return null;
		}
		try {
			URLConnection connection = url.openConnection();
			connection.setUseCaches(false);
			return connection.getInputStream();
		}
		catch (java.io.FileNotFoundException | java.nio.file.NoSuchFileException ex) {
			return null;
		}
	}

}
