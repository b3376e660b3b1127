package io.securecomms.dependencies;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application whose parent is Spring Boot 4.0.x runs on Boot's managed HttpClient 5
 * (5.5.2, flawed by CVE-2026-71290), not the starter's 5.6.5. A child JVM runs
 * {@link LibrariesApplication} on the test class path with the httpclient5 jar replaced
 * by the real 5.5.2 jar ({@code target/boot-managed/}, copied by the build): enforce
 * stops startup with the fix, report starts with a WARN and the posture shows it flawed;
 * on 5.6.5 the same application starts cleanly.
 */
class BootManagedHttpClientIntegrationTests {

	private static final String FIX = "<httpclient5.version>5.6.5</httpclient5.version>";

	@TempDir
	Path directory;

	@Test
	void enforceStopsStartupNamingTheFlawTheVersionAndTheFix() throws Exception {
		Run run = run(bootManagedClassPath(), "--secure.comms.mode=enforce");
		assertThat(run.exit()).as(run.output()).isNotZero();
		assertThat(run.output()).contains("APPLICATION FAILED TO START")
			.contains("httpclient5.version (Maven property of the Spring Boot parent) = '5.5.2'")
			.contains("CVE-2026-71290", "host name verification", "pom.properties in httpclient5-5.5.2.jar")
			.contains(FIX)
			.doesNotContain(LibrariesApplication.LIBRARY);
	}

	@Test
	void reportStartsWithAWarningAndThePostureListsTheLibraryFlawed() throws Exception {
		Run run = run(bootManagedClassPath(), "--secure.comms.mode=report");
		assertThat(run.exit()).as(run.output()).isZero();
		assertThat(run.lines()).anySatisfy((line) -> assertThat(line).contains("WARN")
			.contains("secure-comms (report mode) allows an insecure setting: httpclient5.version")
			.contains("5.5.2", "CVE-2026-71290", FIX));
		assertThat(run.lines()).anySatisfy((line) -> assertThat(line)
			.startsWith(
					LibrariesApplication.LIBRARY + "httpclient5 5.5.2 flawed (pom.properties in httpclient5-5.5.2.jar)")
			.contains("CVE-2026-71290"));
		assertThat(run.lines()).anySatisfy((line) -> assertThat(line)
			.startsWith(LibrariesApplication.CHECK + "OWASP ASVS 5.0 V15.2.1 fail: httpclient5 5.5.2"));
		assertThat(run.lines()).contains(LibrariesApplication.READ_HERE + "httpclient5 5.5.2");
		assertThat(run.lines()).contains(LibrariesApplication.GAUGE + "1.0");
	}

	@Test
	void theStartersOwnHttpClient5StartsCleanly() throws Exception {
		Run run = run(testClassPath(), "--secure.comms.mode=enforce");
		assertThat(run.exit()).as(run.output()).isZero();
		assertThat(run.output()).doesNotContain("CVE-2026-71290");
		assertThat(run.lines()).anySatisfy((line) -> assertThat(line).startsWith(
				LibrariesApplication.LIBRARY + "httpclient5 5.6.5 ok (pom.properties in httpclient5-5.6.5.jar)"));
		assertThat(run.lines()).anySatisfy(
				(line) -> assertThat(line).startsWith(LibrariesApplication.CHECK + "OWASP ASVS 5.0 V15.2.1 pass"));
		assertThat(run.lines()).contains(LibrariesApplication.READ_HERE + "httpclient5 5.6.5");
		assertThat(run.lines()).contains(LibrariesApplication.GAUGE + "0.0");
		assertThat(new LibraryVersions(getClass().getClassLoader()).installed()
			.stream()
			.filter((library) -> library.library().name().equals("httpclient5"))
			.map(InstalledLibrary::version)).as("the same reader in the test JVM").containsExactly("5.6.5");
	}

	/**
	 * The test class path with the starter's httpclient5 jar replaced by the one Spring
	 * Boot 4.0.x manages.
	 */
	private static List<String> bootManagedClassPath() {
		Path bootManaged = Path
			.of(System.getProperty("boot-managed.httpclient5.jar", "target/boot-managed/httpclient5-5.5.2.jar"));
		assertThat(bootManaged).as("copied by the build (maven-dependency-plugin, generate-test-resources)")
			.isRegularFile();
		List<String> classPath = new ArrayList<>(testClassPath());
		int index = -1;
		for (int i = 0; i < classPath.size(); i++) {
			if (Path.of(classPath.get(i)).getFileName().toString().matches("httpclient5-5\\.6\\.5\\.jar")) {
				index = i;
			}
		}
		assertThat(index).as("httpclient5-5.6.5.jar on the test class path").isNotNegative();
		classPath.set(index, bootManaged.toAbsolutePath().toString());
		return classPath;
	}

	private static List<String> testClassPath() {
		String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		return Arrays.stream(classPath.split(File.pathSeparator)).filter((entry) -> !entry.isBlank()).toList();
	}

	private Run run(List<String> classPath, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
						"-XX:TieredStopAtLevel=1", "-cp", String.join(File.pathSeparator, classPath)));
		String security = System.getProperty("java.security.properties");
		if (security != null) {
			command.add(1, "-Djava.security.properties=" + security);
		}
		command.add(LibrariesApplication.class.getName());
		command.addAll(List.of(arguments));
		Path output = Files.createTempFile(this.directory, "child", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			throw new IllegalStateException("The child application did not exit within 3 minutes:\n"
					+ Files.readString(output, StandardCharsets.UTF_8));
		}
		return new Run(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
	}

	record Run(int exit, String output) {

		List<String> lines() {
			return this.output.lines().toList();
		}

	}

}
