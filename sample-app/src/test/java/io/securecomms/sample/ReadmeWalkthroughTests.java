package io.securecomms.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the README's walkthrough, command by command as it is written there (with
 * {@code curl}, from the development PKI's directory), against the sample started with
 * its own configuration; only the ports are random. A README change that breaks a
 * command, or adds one, fails here.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.pki.dir=" + ReadmeWalkthroughTests.PKI_DIR, "secure.comms.server.http-redirect-port=0",
				"sample.partner.port=0", "sample.impostor.port=0", "sample.ocsp.port=0", "sample.crl.port=0" })
@EnabledIf(value = "curlIsOnThePath", disabledReason = "curl is not on the PATH")
class ReadmeWalkthroughTests {

	static final String PKI_DIR = "target/walkthrough-pki";

	private static final Path README = Path.of("..", "README.md");

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Autowired
	ServletWebServerApplicationContext context;

	static boolean curlIsOnThePath() {
		return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.anyMatch((dir) -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "curl")));
	}

	@Test
	void everyCommandOfTheWalkthroughDoesWhatTheReadmeSays() throws Exception {
		List<String> commands = walkthrough();
		assertThat(commands).as("the README's walkthrough commands").hasSize(12);

		assertThat(run(commands.get(0))).contains("HTTP/1.1 200", "Strict-Transport-Security: max-age=", "TLSv1.3");
		assertThat(run(commands.get(1))).contains("HTTP/1.1 308",
				"Location: https://localhost:" + this.port + "/api/hello");
		assertThat(run(commands.get(2))).contains("restClient", "webClient", "CN=sample-client");
		assertThat(run(commands.get(3))).contains("\"id\":");
		assertThat(run(commands.get(4))).contains("remember TLS", "\"ssl\":true");
		assertThat(run(commands.get(5))).contains("Alice Archer", "Bob Baker", "Carol Cooper");
		assertThat(run(commands.get(6))).as("refused without a client certificate")
			.startsWith("exit ")
			.doesNotContain("UP");
		assertThat(run(commands.get(7))).contains("\"status\":\"UP\"");
		assertThat(run(commands.get(8))).contains("\"checks\"", "OWASP ASVS 5.0 V12.3.5", "\"dataSources\"",
				"\"channel\":\"ldap\"");
		assertThat(run(commands.get(9))).contains("\"refused\"", "is not trusted", "impostor.localhost");
		assertThat(run(commands.get(10))).contains("\"name\":\"secure.comms.tls.handshake.failures\"", "\"value\":1.0");
		assertThat(run(commands.get(9))).contains("is not trusted");
		assertThat(run(commands.get(10))).contains("\"value\":2.0");
		assertThat(run(commands.get(11)))
			.containsPattern("secure_comms_tls_handshake_failures_total\\{[^}]*reason=\"cert_untrusted\"[^}]*} 2.0")
			.containsPattern("secure_comms_tls_handshakes_seconds_count\\{[^}]*channel=\"ldap\"");
	}

	/**
	 * The commands of the README's walkthrough block, continuation lines joined, without
	 * comments and cd.
	 */
	private static List<String> walkthrough() throws IOException {
		List<String> lines = Files.readAllLines(README, StandardCharsets.UTF_8);
		int start = lines.indexOf("Walkthrough (from `sample-app/`, in a second terminal):");
		assertThat(start).as("the walkthrough in the README").isNotNegative();
		List<String> commands = new ArrayList<>();
		StringBuilder command = new StringBuilder();
		boolean inBlock = false;
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("```")) {
				if (inBlock) {
					break;
				}
				inBlock = true;
				continue;
			}
			String text = line.strip();
			if (!inBlock || text.isEmpty() || text.startsWith("#") || text.startsWith("cd ")) {
				continue;
			}
			command.append(text.endsWith("\\") ? text.substring(0, text.length() - 1) : text).append(' ');
			if (!text.endsWith("\\")) {
				commands.add(command.toString().strip());
				command.setLength(0);
			}
		}
		return commands;
	}

	/**
	 * Runs one command in the PKI directory, with this run's ports; its output, or "exit
	 * N" when it failed.
	 */
	private String run(String command) throws Exception {
		String local = command.replace("localhost:8443", "localhost:" + this.port)
			.replace("localhost:9443", "localhost:" + this.managementPort)
			.replace("localhost:8080", "localhost:" + redirectPort());
		Process process = new ProcessBuilder("bash", "-c", local).directory(Path.of(PKI_DIR).toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(local).isTrue();
		return (process.exitValue() == 0) ? output : "exit " + process.exitValue() + ": " + output;
	}

	private int redirectPort() {
		for (Connector connector : ((TomcatWebServer) this.context.getWebServer()).getTomcat()
			.getService()
			.findConnectors()) {
			if (!connector.getSecure()) {
				return connector.getLocalPort();
			}
		}
		throw new IllegalStateException("no redirect connector");
	}

}
