package io.securecomms.client;

import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.securecomms.client.HttpClientCoverage.Status;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.DirectFieldAccessor;

/**
 * One family of client beans (blocking or reactive): recognises a bean and puts it on the
 * hardened factory or connector, or says why it cannot.
 */
interface ClientBeanRule {

	/**
	 * @param bean a bean of the application, initialized
	 * @param created receives every factory or connector made for a bean, to be closed
	 * with the context
	 * @return what was found, with the bean to expose instead, or {@code null} for a bean
	 * of another kind
	 */
	@Nullable Outcome apply(Object bean, Consumer<Object> created);

	/**
	 * A builder bean of the application: Boot applies its customizers (the starter's
	 * included) only to its own builder bean, so the starter applies its customization
	 * here. Its own customizations are kept.
	 */
	static <B> Outcome builderBean(B builder, String type, Predicate<Object> hardened, UnaryOperator<B> harden) {
		if (hardened.test(builder)) {
			return Outcome.hardened(builder, type, "Spring Boot's builder, customized by secure-comms");
		}
		return Outcome.adopted(harden.apply(builder), type,
				"the application's builder (" + builder.getClass().getSimpleName()
						+ "), which Spring Boot does not customize, hardened by secure-comms");
	}

	/**
	 * RestClient and WebClient keep the request factory or connector the application gave
	 * them only in the builder their {@code mutate()} copies, without a getter: read it
	 * there. {@code null} means none was given, so the client runs on the library's
	 * default.
	 * @throws IllegalStateException when this Spring Framework keeps it elsewhere
	 * (treated as a factory of its own)
	 */
	static @Nullable Object field(Object target, String name) {
		try {
			return new DirectFieldAccessor(target).getPropertyValue(name);
		}
		catch (BeansException ex) {
			throw new IllegalStateException("cannot read '" + name + "' of " + target.getClass().getName(), ex);
		}
	}

	/**
	 * @param bean the bean to expose: the same, or one rebuilt on the hardened factory or
	 * connector
	 * @param type the client type, as users know it
	 * @param fix what to do, for {@link Status#NOT_COVERED}
	 */
	record Outcome(Object bean, String type, Status status, String detail, @Nullable String fix) {

		static Outcome hardened(Object bean, String type, String detail) {
			return new Outcome(bean, type, Status.HARDENED, detail, null);
		}

		static Outcome adopted(Object bean, String type, String detail) {
			return new Outcome(bean, type, Status.ADOPTED, detail, null);
		}

		static Outcome notCovered(Object bean, String type, String detail, @Nullable String fix) {
			return new Outcome(bean, type, Status.NOT_COVERED, detail, fix);
		}

	}

}
