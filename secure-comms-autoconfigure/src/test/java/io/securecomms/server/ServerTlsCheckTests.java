package io.securecomms.server;

import java.nio.file.Path;
import java.util.List;

import io.securecomms.metrics.Channel;
import io.securecomms.policy.Violation;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.Ssl;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ServerTlsCheck} in an application without an {@code SslBundles} bean (no Boot
 * SSL auto-configuration).
 */
class ServerTlsCheckTests {

	private static final ListenerTls SERVER = new ListenerTls(Channel.SERVER, "server.ssl", true, ClientAuth.NONE,
			"secure.comms.server.client-auth");

	@TempDir
	Path directory;

	@Test
	void aNamedBundleWithoutABundleRegistryIsNamedNotANullPointer() {
		Ssl ssl = new Ssl();
		ssl.setBundle("server");

		List<Violation> violations = new ServerTlsCheck(null).check(ssl, SERVER);

		assertThat(violations).singleElement().satisfies((violation) -> {
			assertThat(violation.kind()).isEqualTo(Violation.Kind.INVALID);
			assertThat(violation.property()).isEqualTo("server.ssl.bundle");
			assertThat(violation.value()).isEqualTo("server");
			assertThat(violation.problem()).contains("SSL bundle [server] is named",
					"no SSL bundle registry (SslBundles bean)");
			assertThat(violation.fix()).contains("SslAutoConfiguration",
					"server.ssl.key-store or server.ssl.certificate");
		});
		assertThat(new ServerTlsCheck(null).presentedCertificates(ssl)).isEmpty();
	}

	@Test
	void aServerNameBundleWithoutABundleRegistryIsNamedToo() {
		Ssl ssl = new Ssl();
		ssl.setServerNameBundles(List.of(new Ssl.ServerNameSslBundle("sni.test", "sni")));
		ssl.setCertificate("classpath:nowhere.crt");

		assertThat(new ServerTlsCheck(null).check(ssl, SERVER)).singleElement()
			.satisfies((violation) -> assertThat(violation.property()).isEqualTo("server.ssl.server-name-bundles"));
	}

	@Test
	void keyMaterialGivenDirectlyNeedsNoBundleRegistry() {
		ServerPki pki = ServerPki.create(this.directory);
		Ssl ssl = new Ssl();
		ssl.setCertificate("file:" + this.directory.resolve("server.crt"));
		ssl.setCertificatePrivateKey("file:" + this.directory.resolve("server.key"));

		assertThat(new ServerTlsCheck(null).check(ssl, SERVER)).isEmpty();
		assertThat(new ServerTlsCheck(null).presentedCertificates(ssl)).singleElement()
			.satisfies((certificate) -> assertThat(certificate.getIssuerX500Principal())
				.isEqualTo(pki.ca().certificate().getSubjectX500Principal()));
	}

}
