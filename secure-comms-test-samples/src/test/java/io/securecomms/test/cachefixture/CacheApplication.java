package io.securecomms.test.cachefixture;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;

/**
 * A user's application with a Redis cache (Spring Data Redis on Lettuce) and the starter.
 */
@SpringBootApplication(exclude = DataSourceAutoConfiguration.class) // JDBC is on this
																	// module's test class
																	// path for
																	// the PostgreSQL
																	// container test
public class CacheApplication {

}
