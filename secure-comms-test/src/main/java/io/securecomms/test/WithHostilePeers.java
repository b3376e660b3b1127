package io.securecomms.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Test methods (and constructors) of the annotated class may take a {@link HostilePeers}
 * parameter. In a {@code @DynamicPropertySource} method, use
 * {@link HostilePeers#shared()} directly.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(HostilePeersExtension.class)
public @interface WithHostilePeers {

}
