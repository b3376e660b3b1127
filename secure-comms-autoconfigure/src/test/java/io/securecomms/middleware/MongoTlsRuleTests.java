package io.securecomms.middleware;

import java.util.List;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import org.junit.jupiter.api.Test;

import io.securecomms.policy.Violation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MongoDB rule reads what the driver's own parser and settings builder make of a
 * connection string.
 */
class MongoTlsRuleTests {

	@Test
	void aConnectionStringWithoutTlsIsPlaintextAndNamesBootsSslProperty() {
		List<Violation> weaknesses = weaknesses("mongodb://db.example:27017/orders");

		assertThat(weaknesses).singleElement().satisfies((weakness) -> {
			assertThat(weakness.property()).isEqualTo("spring.mongodb.ssl.enabled");
			assertThat(weakness.problem()).contains("[db.example:27017] without TLS");
			assertThat(weakness.fix()).contains("spring.mongodb.ssl.bundle", "tls=true");
		});
	}

	@Test
	void tlsSwitchedOffInTheConnectionStringNamesTheUri() {
		assertThat(weaknesses("mongodb://db.example/orders?tls=false")).singleElement()
			.satisfies((weakness) -> assertThat(weakness.describe()).startsWith("spring.mongodb.uri=tls=false"));
	}

	@Test
	void tlsOrSslInTheConnectionStringIsVerifiedTls() {
		assertThat(weaknesses("mongodb://db.example/orders?tls=true")).isEmpty();
		assertThat(weaknesses("mongodb://db.example/orders?ssl=true")).isEmpty();
		// An SRV connection string turns TLS on unless it says otherwise.
		assertThat(weaknesses("mongodb+srv://cluster0.db.example/orders")).isEmpty();
	}

	@Test
	void optionsThatSkipTheHostNameCheckAreNamedAsWritten() {
		assertThat(weaknesses("mongodb://db.example/orders?tls=true&tlsAllowInvalidHostnames=true"))
			.extracting(Violation::describe)
			.singleElement()
			.asString()
			.startsWith("spring.mongodb.uri=tlsAllowInvalidHostnames=true: ")
			.contains("issued for another host name");
		assertThat(weaknesses("mongodb://db.example/orders?tls=true&tlsInsecure=true")).extracting(Violation::value)
			.containsExactly("tlsInsecure=true");
	}

	@Test
	void invalidHostNamesAllowedInCodeNameTheSettings() {
		MongoClientSettings settings = MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString("mongodb://db.example/orders"))
			.applyToSslSettings((ssl) -> ssl.enabled(true).invalidHostNameAllowed(true))
			.build();

		assertThat(MongoTlsRule.weaknesses(settings, new ConnectionString("mongodb://db.example/orders")))
			.extracting(Violation::property)
			.containsExactly("MongoClientSettings");
	}

	@Test
	void hostsAreHostAndPortWithoutCredentials() {
		MongoClientSettings settings = settings("mongodb://user:secret@a.example,b.example:27018/orders");

		assertThat(MongoTlsRule.hosts(settings)).containsExactly("a.example:27017", "b.example:27018");
	}

	private static List<Violation> weaknesses(String uri) {
		return MongoTlsRule.weaknesses(settings(uri), new ConnectionString(uri));
	}

	private static MongoClientSettings settings(String uri) {
		return MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri)).build();
	}

}
