package io.securecomms.dependencies;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import io.securecomms.dependencies.fixture.Marker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The version is read from the jar the class is loaded from, in a defined order, and is
 * unknown rather than guessed.
 */
class LibraryVersionsTests {

	private static final String MARKER = Marker.class.getName();

	private static final Library FIXTURE = new Library("fixture", MARKER, "org.example:fixture",
			"org/example/fixture-version.properties#release", Set.of("org.example.fixture"));

	@TempDir
	Path directory;

	@Test
	void pomPropertiesOfTheLibrarysArtifactComeFirst() throws IOException {
		InstalledLibrary library = read(jar("fixture-1.2.3.jar",
				Map.of("META-INF/maven/org.example/fixture/pom.properties", "version=1.2.3\n",
						"org/example/fixture-version.properties", "release=7.7.7\n", "META-INF/MANIFEST.MF",
						manifest("org.example.fixture", "8.8.8"))));
		assertThat(library.version()).isEqualTo("1.2.3");
		assertThat(library.source()).isEqualTo("pom.properties in fixture-1.2.3.jar");
	}

	@Test
	void theLibrarysOwnVersionFileComesNext() throws IOException {
		InstalledLibrary library = read(jar("fixture.jar",
				Map.of("META-INF/maven/org.other/shaded/pom.properties", "version=0.0.1\n",
						"org/example/fixture-version.properties", "release=7.7.7\n", "META-INF/MANIFEST.MF",
						manifest("org.example.fixture", "8.8.8"))));
		assertThat(library.version()).isEqualTo("7.7.7");
		assertThat(library.source()).isEqualTo("fixture-version.properties in fixture.jar");
	}

	@Test
	void theManifestOnlyWhenItNamesTheLibrary() throws IOException {
		InstalledLibrary own = read(
				jar("fixture.jar", Map.of("META-INF/MANIFEST.MF", manifest("org.example.fixture", "8.8.8"))));
		assertThat(own.version()).isEqualTo("8.8.8");
		assertThat(own.source()).isEqualTo("MANIFEST.MF in fixture.jar");
		InstalledLibrary fat = read(jar("application-9.9.9.jar",
				Map.of("META-INF/MANIFEST.MF", manifest("com.example.application", "9.9.9"))));
		assertThat(fat.versionKnown()).isFalse();
		assertThat(fat.versionText()).isEqualTo("unknown");
		assertThat(fat.source()).isEqualTo("no version readable in application-9.9.9.jar");
	}

	@Test
	void aJarWithoutMetadataIsUnknownNotGuessedFromItsName() throws IOException {
		InstalledLibrary library = read(jar("fixture-5.6.5.jar", Map.of()));
		assertThat(library.versionKnown()).isFalse();
		assertThat(library.source()).contains("fixture-5.6.5.jar");
	}

	@Test
	void anUnfilteredPlaceholderIsNotAVersion() throws IOException {
		InstalledLibrary library = read(jar("fixture.jar",
				Map.of("META-INF/maven/org.example/fixture/pom.properties", "version=${project.version}\n")));
		assertThat(library.versionKnown()).isFalse();
	}

	@Test
	void aLibraryNotOnTheClassPathIsNotListed() {
		Library absent = new Library("absent", "org.example.Absent", "org.example:absent", null, Set.of());
		assertThat(new LibraryVersions(getClass().getClassLoader()).read(absent)).isEmpty();
	}

	@Test
	void aClassDirectoryHasNoVersion() {
		InstalledLibrary library = new LibraryVersions(getClass().getClassLoader()).read(FIXTURE).orElseThrow();
		assertThat(library.versionKnown()).isFalse();
		assertThat(library.source()).isEqualTo("no version readable in test-classes");
	}

	@Test
	void theTestClassPathsLibrariesAreReadFromTheirJars() {
		Map<String, InstalledLibrary> installed = new LinkedHashMap<>();
		new LibraryVersions(getClass().getClassLoader()).installed()
			.forEach((library) -> installed.put(library.library().name(), library));
		assertThat(installed.get("httpclient5")).satisfies((library) -> {
			assertThat(library.version()).isEqualTo("5.6.5");
			assertThat(library.source()).isEqualTo("pom.properties in httpclient5-5.6.5.jar");
		});
		assertThat(installed.get("httpcore5").version()).isEqualTo("5.4.4");
		assertThat(installed.get("kafka-clients").source()).startsWith("kafka-version.properties in kafka-clients-");
		assertThat(installed.get("mongodb-driver-core").source()).startsWith("MANIFEST.MF in mongodb-driver-core-");
		assertThat(installed.get("bcprov").source()).as("a signed jar's manifest")
			.startsWith("MANIFEST.MF in bcprov-jdk18on-");
		assertThat(installed.get("jdk").version()).isEqualTo(System.getProperty("java.version"));
		assertThat(installed.get("jdk").source()).contains(System.getProperty("java.vendor"));
		assertThat(installed.keySet()).first().isEqualTo("jdk");
		assertThat(installed.keySet())
			.contains("netty-handler", "bcprov", "bcpkix", "reactor-netty", "tomcat-embed-core", "postgresql",
					"mariadb-java-client", "mysql-connector-j", "lettuce-core", "jedis", "cassandra-java-driver")
			.doesNotContain("conscrypt", "wildfly-openssl", "ojdbc");
		assertThat(installed.values()).allSatisfy(
				(library) -> assertThat(library.versionKnown()).as("%s: %s", library.library().name(), library.source())
					.isTrue());
	}

	private InstalledLibrary read(Path jar) throws IOException {
		try (URLClassLoader loader = new URLClassLoader(new URL[] { jar.toUri().toURL() },
				ClassLoader.getPlatformClassLoader())) {
			return new LibraryVersions(loader).read(FIXTURE).orElseThrow();
		}
	}

	/** A jar holding the marker class and {@code entries}. */
	private Path jar(String name, Map<String, String> entries) throws IOException {
		Path jar = this.directory.resolve(name);
		String classFile = MARKER.replace('.', '/') + ".class";
		try (OutputStream out = Files.newOutputStream(jar);
				JarOutputStream jarOut = new JarOutputStream(out);
				InputStream marker = Marker.class.getResourceAsStream("/" + classFile)) {
			jarOut.putNextEntry(new JarEntry(classFile));
			marker.transferTo(jarOut);
			for (Map.Entry<String, String> entry : entries.entrySet()) {
				jarOut.putNextEntry(new JarEntry(entry.getKey()));
				jarOut.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
			}
		}
		return jar;
	}

	private static String manifest(String symbolicName, String version) {
		return "Manifest-Version: 1.0\nBundle-SymbolicName: " + symbolicName + ";singleton:=true\nBundle-Version: "
				+ version + "\n\n";
	}

}
