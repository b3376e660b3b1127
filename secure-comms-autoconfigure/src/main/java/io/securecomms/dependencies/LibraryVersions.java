package io.securecomms.dependencies;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

import org.jspecify.annotations.Nullable;

/**
 * Reads the version of the jar a library's classes are actually loaded from (the jar the
 * class loader finds the marker class in), not what a build file says. For each
 * {@link Library}, in this order, the first that answers wins:
 * <ol>
 * <li>{@code META-INF/maven/<groupId>/<artifactId>/pom.properties} inside the jar of the
 * marker class;</li>
 * <li>the library's own version file inside that jar (HttpClient's
 * {@code version.properties}, Kafka's {@code kafka-version.properties}, Netty's
 * {@code io.netty.versions.properties});</li>
 * <li>that jar's manifest ({@code Bundle-Version}, else {@code Implementation-Version}),
 * only when its {@code Bundle-SymbolicName} or {@code Automatic-Module-Name} names the
 * library: a fat or shaded jar's manifest describes the application, not the
 * library.</li>
 * </ol>
 * Otherwise the version is unknown: never guessed from a file name. The JDK's version is
 * {@code java.version} (with {@code java.vendor}).
 */
public final class LibraryVersions {

	private final ClassLoader classLoader;

	public LibraryVersions(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	/**
	 * The libraries of {@link Library#TLS_LIBRARIES} on the class path, in the table's
	 * order.
	 */
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

	/**
	 * @return the library with its version, or empty when its marker class is not on the
	 * class path
	 */
	public Optional<InstalledLibrary> read(Library library) {
		if (Library.JDK.equals(library.name())) {
			return Optional.of(new InstalledLibrary(library, System.getProperty("java.version"), "java.version ("
					+ System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")"));
		}
		// The class file the class loader defines the class from (parent first: the first
		// on the class path), found
		// without loading the class: loading every marker (and its superclasses) would
		// cost startup time.
		String classFile = "/" + library.markerClass().replace('.', '/') + ".class";
		URL location = this.classLoader.getResource(classFile.substring(1));
		if (location == null) {
			return Optional.empty();
		}
		String root = root(location.toString(), classFile);
		String jar = jarName(root);
		try (Entries entries = Entries.of(location, root)) {
			if (library.coordinates() != null) {
				String[] coordinates = library.coordinates().split(":");
				String version = properties(entries,
						"META-INF/maven/" + coordinates[0] + "/" + coordinates[1] + "/pom.properties", "version");
				if (version != null) {
					return found(library, version, "pom.properties in " + jar);
				}
			}
			if (library.versionFile() != null) {
				String[] file = library.versionFile().split("#", 2);
				String version = properties(entries, file[0], file[1]);
				if (version != null) {
					return found(library, version, file[0].substring(file[0].lastIndexOf('/') + 1) + " in " + jar);
				}
			}
			String version = manifestVersion(entries, library);
			if (version != null) {
				return found(library, version, "MANIFEST.MF in " + jar);
			}
		}
		return Optional.of(new InstalledLibrary(library, null, "no version readable in " + jar));
	}

	private static Optional<InstalledLibrary> found(Library library, String version, String source) {
		return Optional.of(new InstalledLibrary(library, version.trim(), source));
	}

	/**
	 * The jar's (or class directory's) root, ending in {@code /}, from the URL of a class
	 * inside it.
	 */
	static String root(String classUrl, String classFile) {
		int separator = classUrl.lastIndexOf("!/");
		if (separator >= 0) {
			return classUrl.substring(0, separator + 2);
		}
		return classUrl.endsWith(classFile) ? classUrl.substring(0, classUrl.length() - classFile.length() + 1)
				: classUrl;
	}

	/**
	 * {@code httpclient5-5.5.2.jar}: the jar's name, for the reader to see which file was
	 * read.
	 */
	static String jarName(String root) {
		String path = root.endsWith("!/") ? root.substring(0, root.length() - 2) : root;
		path = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return path.substring(path.lastIndexOf('/') + 1);
	}

	private static @Nullable String properties(Entries entries, String path, String key) {
		try (InputStream in = entries.open(path)) {
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

	private static @Nullable String manifestVersion(Entries entries, Library library) {
		try (InputStream in = entries.open("META-INF/MANIFEST.MF")) {
			if (in == null) {
				return null;
			}
			Attributes attributes = new Manifest(new ByteArrayInputStream(mainSection(in))).getMainAttributes();
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

	/**
	 * The manifest's main section: a signed jar's manifest (BouncyCastle's) goes on with
	 * a digest per class, megabytes not needed here.
	 */
	private static byte[] mainSection(InputStream in) throws IOException {
		ByteArrayOutputStream main = new ByteArrayOutputStream();
		BufferedInputStream buffered = new BufferedInputStream(in);
		int previous = '\n';
		int current;
		while ((current = buffered.read()) != -1) {
			if (current == '\r') {
				continue;
			}
			main.write(current);
			if (current == '\n' && previous == '\n') {
				break;
			}
			previous = current;
		}
		main.write('\n');
		return main.toByteArray();
	}

	private static boolean names(Library library, @Nullable String name) {
		return name != null && library.manifestNames().contains(name.trim());
	}

	/**
	 * The entries of the jar (or directory) the class is loaded from. A plain jar file is
	 * opened once for all reads; any other location (Spring Boot's nested jars, a
	 * directory) is read through URLs resolved against the class's own URL, so its URL
	 * handler is kept.
	 */
	private interface Entries extends AutoCloseable {

		/**
		 * @return the entry's content, or {@code null} when there is no such entry
		 */
		@Nullable InputStream open(String path) throws IOException;

		@Override
		void close();

		static Entries of(URL classLocation, String root) {
			if (root.startsWith("jar:file:") && root.indexOf("!/") == root.length() - 2) {
				try {
					JarFile jar = new JarFile(new File(URI.create(root.substring(4, root.length() - 2))), false);
					return new Entries() {

						@Override
						public @Nullable InputStream open(String path) throws IOException {
							ZipEntry entry = jar.getEntry(path);
							return (entry != null) ? jar.getInputStream(entry) : null;
						}

						@Override
						public void close() {
							try {
								jar.close();
							}
							catch (IOException ex) {
								// read-only; nothing lost
							}
						}

					};
				}
				catch (IOException | IllegalArgumentException ex) {
					// read through the URL below
				}
			}
			return new Entries() {

				@Override
				public @Nullable InputStream open(String path) throws IOException {
					try {
						URL url = "jar".equals(classLocation.getProtocol()) ? new URL(classLocation, "/" + path)
								: URI.create(root + path).toURL();
						URLConnection connection = url.openConnection();
						connection.setUseCaches(false);
						return connection.getInputStream();
					}
					catch (FileNotFoundException | NoSuchFileException ex) {
						return null;
					}
				}

				@Override
				public void close() {
				}

			};
		}

	}

}
