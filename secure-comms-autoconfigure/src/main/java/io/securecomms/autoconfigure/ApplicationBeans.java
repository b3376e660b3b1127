package io.securecomms.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * The application's own beans of the types through which Spring Security makes an
 * identity provider's HTTP calls (the starter's beans, named {@code secureComms...}, step
 * aside for them), for the posture. Types are named, so that a library missing from the
 * class path is simply not looked for.
 */
final class ApplicationBeans {

	static final String OAUTH2_CLIENT_PACKAGE = "org.springframework.security.oauth2.client.";

	static final List<String[]> OAUTH2_CLIENT = List.of(
			new String[] { OAUTH2_CLIENT_PACKAGE + "endpoint.OAuth2AccessTokenResponseClient",
					OAUTH2_CLIENT_PACKAGE + "endpoint.OAuth2AuthorizationCodeGrantRequest" },
			new String[] { OAUTH2_CLIENT_PACKAGE + "endpoint.OAuth2AccessTokenResponseClient",
					OAUTH2_CLIENT_PACKAGE + "endpoint.OAuth2ClientCredentialsGrantRequest" },
			new String[] { OAUTH2_CLIENT_PACKAGE + "endpoint.OAuth2AccessTokenResponseClient",
					OAUTH2_CLIENT_PACKAGE + "endpoint.OAuth2RefreshTokenGrantRequest" },
			new String[] { OAUTH2_CLIENT_PACKAGE + "endpoint.OAuth2AccessTokenResponseClient",
					OAUTH2_CLIENT_PACKAGE + "endpoint.JwtBearerGrantRequest" },
			new String[] { OAUTH2_CLIENT_PACKAGE + "endpoint.OAuth2AccessTokenResponseClient",
					OAUTH2_CLIENT_PACKAGE + "endpoint.TokenExchangeGrantRequest" },
			new String[] { OAUTH2_CLIENT_PACKAGE + "userinfo.OAuth2UserService",
					OAUTH2_CLIENT_PACKAGE + "userinfo.OAuth2UserRequest",
					"org.springframework.security.oauth2.core.user.OAuth2User" },
			new String[] { OAUTH2_CLIENT_PACKAGE + "userinfo.OAuth2UserService",
					OAUTH2_CLIENT_PACKAGE + "oidc.userinfo.OidcUserRequest",
					"org.springframework.security.oauth2.core.oidc.user.OidcUser" },
			new String[] { "org.springframework.security.oauth2.jwt.JwtDecoderFactory",
					OAUTH2_CLIENT_PACKAGE + "registration.ClientRegistration" },
			new String[] { OAUTH2_CLIENT_PACKAGE + "OAuth2AuthorizedClientProvider" },
			new String[] { OAUTH2_CLIENT_PACKAGE + "OAuth2AuthorizedClientManager" });

	static final List<String[]> RESOURCE_SERVER = List.of(
			new String[] { "org.springframework.security.oauth2.jwt.JwtDecoder" },
			new String[] { "org.springframework.security.oauth2.jwt.ReactiveJwtDecoder" });

	private ApplicationBeans() {
	}

	/** The application's beans of these types, as {@code Type<Generic> bean 'name'}. */
	static List<String> named(ListableBeanFactory beans, List<String[]> types) {
		List<String> named = new ArrayList<>();
		ClassLoader loader = ApplicationBeans.class.getClassLoader();
		for (String[] names : types) {
			if (!present(names, loader)) {
				continue;
			}
			ResolvableType type = type(names, loader);
			for (String name : beans.getBeanNamesForType(type, true, false)) {
				if (!isDefault(beans, name)) {
					named.add(type.toString().replaceAll("[a-z0-9_.]+\\.(?=[A-Z])", "") + " bean '" + name + "'");
				}
			}
		}
		return named;
	}

	/**
	 * The starter's own beans, Boot's defaults (which it builds with the starter's
	 * customizers) and the manager Spring Security registers from the context's beans are
	 * not the application's.
	 */
	private static boolean isDefault(ListableBeanFactory beans, String name) {
		if (name.startsWith("secureComms") || !(beans instanceof ConfigurableListableBeanFactory factory)
				|| !factory.containsBeanDefinition(name)) {
			return name.startsWith("secureComms");
		}
		BeanDefinition definition = factory.getBeanDefinition(name);
		if (definition.getFactoryBeanName() != null
				&& "authorizedClientManagerRegistrar".equals(definition.getFactoryBeanName())) {
			return true;
		}
		if (definition instanceof AnnotatedBeanDefinition annotated && annotated.getFactoryMethodMetadata() != null) {
			return annotated.getFactoryMethodMetadata().getDeclaringClassName().startsWith("org.springframework.boot.");
		}
		return false;
	}

	private static boolean present(String[] names, ClassLoader loader) {
		for (String name : names) {
			if (!ClassUtils.isPresent(name, loader)) {
				return false;
			}
		}
		return true;
	}

	private static ResolvableType type(String[] names, ClassLoader loader) {
		Class<?> raw = ClassUtils.resolveClassName(names[0], loader);
		if (names.length == 1) {
			return ResolvableType.forClass(raw);
		}
		Class<?>[] generics = new Class<?>[names.length - 1];
		for (int i = 1; i < names.length; i++) {
			generics[i - 1] = ClassUtils.resolveClassName(names[i], loader);
		}
		return ResolvableType.forClassWithGenerics(raw, generics);
	}

}
