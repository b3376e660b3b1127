package io.securecomms.test;

import java.util.List;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registered in {@code META-INF/spring.factories}: every Spring test context (only test
 * contexts: production never loads this module) gets the {@link TestPkiContextCustomizer}
 * unless the test class (or an enclosing one) carries {@link DisableTestPki}.
 */
public class TestPkiContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		boolean disabled = TestContextAnnotationUtils.hasAnnotation(testClass, DisableTestPki.class);
		return disabled ? null : new TestPkiContextCustomizer();
	}

}
