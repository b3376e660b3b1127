package io.securecomms.server;

import java.nio.file.Path;

import io.securecomms.autoconfigure.SecureCommsAutoConfiguration;
import io.securecomms.autoconfigure.SecureCommsSecurityAutoConfiguration;
import io.securecomms.autoconfigure.SecureCommsTomcatAutoConfiguration;
import io.securecomms.testsupport.OpenSslClient;
import io.securecomms.testsupport.ServerPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application with neither actuator, Micrometer nor Spring Security on its class path
 * still starts, hardened.
 */
class MinimalApplicationIntegrationTests {

	@TempDir
	static Path directory;

	@Test
	void startsAndIsHardenedWithoutActuatorMicrometerOrSecurity() {
		ServerPki pki = ServerPki.create(directory);
		new WebApplicationContextRunner(AnnotationConfigServletWebServerApplicationContext::new)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate", "io.micrometer",
					"org.springframework.security"))
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class,
					TomcatServletWebServerAutoConfiguration.class, SecureCommsAutoConfiguration.class,
					SecureCommsTomcatAutoConfiguration.class, SecureCommsSecurityAutoConfiguration.class))
			.withPropertyValues(pki.serverSsl().toArray(String[]::new))
			.withPropertyValues("server.port=0")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(TomcatHardening.class)
					.doesNotHaveBean("secureCommsHandshakeMeters")
					.doesNotHaveBean("secureCommsHstsCustomizer");
				assertThat(context).hasSingleBean(SslBundles.class);
				int port = ((WebServerApplicationContext) context.getSourceApplicationContext()).getWebServer()
					.getPort();
				assertThat(OpenSslClient.connect(port, "-tls1_2", "-cipher", "ECDHE-RSA-AES128-SHA256:@SECLEVEL=0")
					.connected()).isFalse();
				assertThat(OpenSslClient.connect(port, "-tls1_3").connected()).isTrue();
			});
	}

}
