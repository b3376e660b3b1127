package io.securecomms.client;

import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * What the starter hardened: the builders its customizers returned and the request
 * factories and connectors those built. Lets a client bean be told apart from one on a
 * factory of its own. Weak, so that a client the application dropped is not kept alive.
 */
final class HardenedProducts {

	private final Set<Object> products = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	<T> T add(T product) {
		this.products.add(product);
		return product;
	}

	boolean contains(Object candidate) {
		return candidate != null && this.products.contains(candidate);
	}

}
