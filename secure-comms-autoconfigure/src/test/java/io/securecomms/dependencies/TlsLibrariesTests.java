package io.securecomms.dependencies;

import java.util.List;

import io.securecomms.policy.Violation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TlsLibrariesTests {

	private static final Library HTTPCLIENT5 = Library.TLS_LIBRARIES.stream()
		.filter((library) -> library.name().equals("httpclient5"))
		.findFirst()
		.orElseThrow();

	private static final Library NETTY = Library.TLS_LIBRARIES.stream()
		.filter((library) -> library.name().equals("netty-handler"))
		.findFirst()
		.orElseThrow();

	@Test
	void theTableListsCve202671290ForHttpClient5Before564() {
		KnownFlaw flaw = KnownFlaw.TABLE.stream()
			.filter((entry) -> entry.identifier().equals("CVE-2026-71290"))
			.findFirst()
			.orElseThrow();
		assertThat(flaw.library()).isEqualTo("httpclient5");
		assertThat(flaw.range()).isEqualTo(">= 5.4, < 5.6.4");
		assertThat(flaw.property()).startsWith("httpclient5.version");
		assertThat(flaw.fix()).contains("<httpclient5.version>5.6.5</httpclient5.version>")
			.contains("ext['httpclient5.version'] = '5.6.5'");
		assertThat(affected(flaw, "5.5.2")).isTrue();
		assertThat(affected(flaw, "5.6.3")).isTrue();
		assertThat(affected(flaw, "5.6")).isTrue();
		assertThat(affected(flaw, "5.4")).isTrue();
		assertThat(affected(flaw, "5.6.4-alpha1")).isTrue();
		assertThat(affected(flaw, "5.6.4")).isFalse();
		assertThat(affected(flaw, "5.6.5")).isFalse();
		assertThat(affected(flaw, "5.7-beta")).isFalse();
		assertThat(affected(flaw, "5.3.6")).as("before the async policy existed").isFalse();
		assertThat(KnownFlaw.TABLE).allSatisfy((entry) -> assertThat(Library.TLS_LIBRARIES)
			.anyMatch((library) -> library.name().equals(entry.library())));
	}

	@Test
	void aFlawedVersionIsAViolationNamingThePropertyTheVersionTheFlawAndTheFix() {
		TlsLibraries libraries = TlsLibraries.check(
				List.of(new InstalledLibrary(HTTPCLIENT5, "5.5.2", "pom.properties in httpclient5-5.5.2.jar")),
				KnownFlaw.TABLE);
		assertThat(libraries.violations()).singleElement().satisfies((violation) -> {
			assertThat(violation.kind()).isEqualTo(Violation.Kind.INSECURE);
			assertThat(violation.property())
				.isEqualTo("httpclient5.version (Maven property of the Spring Boot parent)");
			assertThat(violation.value()).isEqualTo("5.5.2");
			assertThat(violation.problem()).contains("CVE-2026-71290", "5.5.2", "host name verification",
					"httpclient5-5.5.2.jar");
			assertThat(violation.fix()).contains("<httpclient5.version>5.6.5</httpclient5.version>");
		});
		assertThat(libraries.library("httpclient5")).hasValueSatisfying((status) -> {
			assertThat(status.status()).isEqualTo(LibraryStatus.FLAWED);
			assertThat(status.version()).isEqualTo("5.5.2");
			assertThat(status.advisory()).contains("CVE-2026-71290");
		});
	}

	@Test
	void aFixedVersionIsOk() {
		TlsLibraries libraries = TlsLibraries.check(
				List.of(new InstalledLibrary(HTTPCLIENT5, "5.6.5", "pom.properties in httpclient5-5.6.5.jar")),
				KnownFlaw.TABLE);
		assertThat(libraries.violations()).isEmpty();
		assertThat(libraries.library("httpclient5").orElseThrow().status()).isEqualTo(LibraryStatus.OK);
		assertThat(libraries.library("httpclient5").orElseThrow().advisory()).isEmpty();
	}

	@Test
	void anUnreadableVersionOfALibraryWithAKnownFlawIsAViolationNeverSilent() {
		TlsLibraries libraries = TlsLibraries
			.check(List.of(new InstalledLibrary(HTTPCLIENT5, null, "no version readable in app.jar")), KnownFlaw.TABLE);
		assertThat(libraries.violations()).singleElement().satisfies((violation) -> {
			assertThat(violation.value()).isEqualTo("unknown");
			assertThat(violation.problem()).contains("cannot tell whether CVE-2026-71290", "app.jar");
			assertThat(violation.fix()).contains("<httpclient5.version>5.6.5</httpclient5.version>");
		});
		assertThat(libraries.library("httpclient5").orElseThrow().status()).isEqualTo(LibraryStatus.UNKNOWN);
		TlsLibraries garbled = TlsLibraries
			.check(List.of(new InstalledLibrary(HTTPCLIENT5, "dev", "MANIFEST.MF in x.jar")), KnownFlaw.TABLE);
		assertThat(garbled.violations()).singleElement()
			.satisfies((violation) -> assertThat(violation.value()).isEqualTo("dev"));
		assertThat(garbled.library("httpclient5").orElseThrow().status()).isEqualTo(LibraryStatus.UNKNOWN);
	}

	@Test
	void anUnreadableVersionOfALibraryWithoutAListedFlawIsShownUnknownButNotAViolation() {
		TlsLibraries libraries = TlsLibraries
			.check(List.of(new InstalledLibrary(NETTY, null, "no version readable in app.jar")), KnownFlaw.TABLE);
		assertThat(libraries.violations()).isEmpty();
		assertThat(libraries.libraries()).singleElement().satisfies((status) -> {
			assertThat(status.version()).isEqualTo("unknown");
			assertThat(status.status()).isEqualTo(LibraryStatus.UNKNOWN);
		});
	}

	@Test
	void theTestClassPathRunsTheStartersHttpClient5AndIsClean() {
		TlsLibraries libraries = TlsLibraries.check(getClass().getClassLoader());
		assertThat(libraries.library("httpclient5").orElseThrow()).satisfies((status) -> {
			assertThat(status.version()).isEqualTo("5.6.5");
			assertThat(status.status()).isEqualTo(LibraryStatus.OK);
		});
		assertThat(libraries.violations()).isEmpty();
	}

	private static boolean affected(KnownFlaw flaw, String version) {
		return flaw.affects(Version.parse(version).orElseThrow());
	}

}
