package io.securecomms.middleware;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client counts as configured by a property under Boot's prefix (in any of its
 * spellings) or by connection details that are not Boot's own.
 */
class BootClientConfigurationTests {

	private final Object details = new Object();

	@Test
	void aPropertyUnderThePrefixConfiguresTheClient() {
		assertThat(configured(new MockEnvironment().withProperty("spring.mongodb.uri", "mongodb://db"), true)).isTrue();
		MockEnvironment variables = new MockEnvironment();
		variables.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("SPRING_MONGODB_HOST", "db")));
		assertThat(configured(variables, true)).isTrue();
		assertThat(configured(new MockEnvironment().withProperty("spring.mongodb.ssl.enabled", "false"), true))
			.isTrue();
	}

	@Test
	void bootsOwnDetailsWithoutPropertiesOrANeighbouringPrefixDoNot() {
		assertThat(configured(new MockEnvironment(), true)).isFalse();
		assertThat(configured(new MockEnvironment().withProperty("spring.mongodbx.uri", "mongodb://db"), true))
			.isFalse();
	}

	@Test
	void detailsOfAnotherKindConfigureTheClient() {
		assertThat(configured(new MockEnvironment(), false)).isTrue();
	}

	private boolean configured(MockEnvironment environment, boolean fromProperties) {
		return BootClientConfiguration.isConfigured(environment, "spring.mongodb", this.details, fromProperties);
	}

}
