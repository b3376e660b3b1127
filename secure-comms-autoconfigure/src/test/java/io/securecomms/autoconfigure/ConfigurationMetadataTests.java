package io.securecomms.autoconfigure;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * IDEs complete {@code secure.comms.*} from the generated metadata: every property is
 * there, described.
 */
class ConfigurationMetadataTests {

	@Test
	void everyPropertyIsDescribed() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		List<String> names = new ArrayList<>();
		for (JsonNode property : metadata.get("properties")) {
			names.add(property.get("name").asString());
			assertThat(property.path("description").asString()).as(property.get("name").asString()).isNotBlank();
		}
		assertThat(names).contains("secure.comms.enabled", "secure.comms.mode", "secure.comms.tls.profile",
				"secure.comms.tls.protocols", "secure.comms.tls.cipher-suites", "secure.comms.server.require-tls",
				"secure.comms.server.http-redirect-port", "secure.comms.server.http-redirect-host",
				"secure.comms.server.client-auth", "secure.comms.server.x509-principal",
				"secure.comms.server.ocsp-stapling", "secure.comms.server.hsts.enabled",
				"secure.comms.server.hsts.max-age", "secure.comms.server.hsts.include-subdomains",
				"secure.comms.server.hsts.preload", "secure.comms.management.client-auth",
				"secure.comms.metrics.max-peers", "secure.comms.client.trust-bundle",
				"secure.comms.client.include-jdk-trust", "secure.comms.client.identity-bundle",
				"secure.comms.client.pins", "secure.comms.client.revocation", "secure.comms.client.allow-plaintext",
				"secure.comms.client.targets", "secure.comms.jdbc.require-tls", "secure.comms.jdbc.trust-bundle",
				"secure.comms.jdbc.identity-bundle", "secure.comms.jdbc.revocation", "secure.comms.jdbc.allowed-urls");
		assertThat(metadata.get("hints").toString()).contains("intermediate", "modern");
	}

}
