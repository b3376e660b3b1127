package io.securecomms.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves the test's application context without the ephemeral test PKI: the test
 * configures TLS itself (or the property {@code secure.comms.test.pki.enabled=false} does
 * the same).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface DisableTestPki {

}
