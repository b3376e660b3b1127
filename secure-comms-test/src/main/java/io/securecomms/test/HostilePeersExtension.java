package io.securecomms.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Resolves {@link HostilePeers} parameters (test methods, constructors, lifecycle
 * methods) with the {@link HostilePeers#shared() shared} peers of the JVM. Registered by
 * {@link WithHostilePeers}.
 */
public class HostilePeersExtension implements ParameterResolver {

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == HostilePeers.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return HostilePeers.shared();
	}

}
