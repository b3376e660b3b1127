package io.securecomms.dependencies;

import io.micrometer.core.instrument.MeterRegistry;
import io.securecomms.actuate.PostureReport;
import io.securecomms.actuate.SecureCommsEndpoint;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The application {@link BootManagedHttpClientIntegrationTests} starts in a child JVM:
 * auto-configuration only. Once started it prints the posture's {@code libraries} section
 * and its dependency check, the violations gauge, and the version the reader finds in
 * this JVM, then exits.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class LibrariesApplication {

	static final String LIBRARY = "posture library: ";

	static final String CHECK = "posture check: ";

	static final String READ_HERE = "read in this JVM: ";

	static final String GAUGE = "gauge secure.comms.policy.violations: ";

	public static void main(String[] args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(LibrariesApplication.class)
			.web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.jmx.enabled=true",
					"management.endpoints.jmx.exposure.include=securecomms")
			.run(args);
		PostureReport posture = context.getBean(SecureCommsEndpoint.class).posture();
		for (PostureReport.LibraryPosture library : posture.libraries()) {
			System.out.println(LIBRARY + library.name() + " " + library.version() + " " + library.status() + " ("
					+ library.source() + ") " + library.advisory());
		}
		posture.checks()
			.stream()
			.filter((check) -> check.requirement().endsWith("V15.2.1"))
			.forEach((check) -> System.out
				.println(CHECK + check.requirement() + " " + check.status() + ": " + check.detail()));
		context.getBeanProvider(MeterRegistry.class)
			.ifAvailable((registry) -> System.out
				.println(GAUGE + registry.get("secure.comms.policy.violations").gauge().value()));
		new LibraryVersions(LibrariesApplication.class.getClassLoader()).installed()
			.stream()
			.filter((library) -> library.library().name().equals("httpclient5"))
			.forEach((library) -> System.out.println(READ_HERE + "httpclient5 " + library.versionText()));
		System.exit(SpringApplication.exit(context));
	}

}
