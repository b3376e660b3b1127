package io.securecomms.autoconfigure;

import co.elastic.clients.transport.rest5_client.low_level.Rest5ClientBuilder;

import io.securecomms.metrics.Channel;
import io.securecomms.middleware.BootClientConfiguration;
import io.securecomms.middleware.ElasticsearchTls;
import io.securecomms.middleware.MiddlewareConnections;
import io.securecomms.middleware.MiddlewareTls;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchConnectionDetails;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchProperties;
import org.springframework.boot.elasticsearch.autoconfigure.ElasticsearchRestClientAutoConfiguration;
import org.springframework.boot.elasticsearch.autoconfigure.Rest5ClientBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The nodes of Boot's Elasticsearch {@code Rest5Client} are checked at startup and, on
 * {@code https://}, its HttpClient 5 gets the policy's TLS strategy through Boot's own
 * {@link Rest5ClientBuilderCustomizer} hook.
 */
@AutoConfiguration(
		after = { SecureCommsMiddlewareAutoConfiguration.class, ElasticsearchRestClientAutoConfiguration.class })
@ConditionalOnClass({ Rest5ClientBuilder.class, Rest5ClientBuilderCustomizer.class })
@ConditionalOnBean({ ElasticsearchConnectionDetails.class, MiddlewareTls.class })
@ConditionalOnBooleanProperty(name = "secure.comms.enabled", matchIfMissing = true)
public class SecureCommsElasticsearchAutoConfiguration {

	/**
	 * Boot's connection details built from {@code spring.elasticsearch.*} (a
	 * package-private class).
	 */
	private static final String PROPERTIES_DETAILS = ElasticsearchRestClientAutoConfiguration.class.getPackageName()
			+ ".ElasticsearchRestClientConfigurations$PropertiesElasticsearchConnectionDetails";

	/**
	 * Created with the context, so that a weakness stops startup before the first
	 * request.
	 */
	@Bean
	Rest5ClientBuilderCustomizer secureCommsElasticsearchTlsCustomizer(MiddlewareTls tls,
			MiddlewareConnections connections, ElasticsearchProperties properties,
			ElasticsearchConnectionDetails details, Environment environment) {
		if (!BootClientConfiguration.isConfigured(environment, "spring.elasticsearch", details,
				details.getClass().getName().equals(PROPERTIES_DETAILS))) {
			// Boot's client for localhost:9200 that the application never configured:
			// nothing to check.
			connections.unconfigured(Channel.ELASTICSEARCH, "spring.elasticsearch.* (Boot's default)", "localhost:9200",
					"spring.elasticsearch.uris");
			return ElasticsearchTls.unchanged();
		}
		return new ElasticsearchTls(tls, connections).check(properties, details);
	}

}
